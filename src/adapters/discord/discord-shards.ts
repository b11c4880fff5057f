/**
 * Discord at scale: discord.js's own ShardingManager runs the gateway shards, one process each
 * (src/discord-shard.ts), and Discord delivers each interaction to the one shard serving its server.
 * This replica keeps no gateway connection of its own: it posts the digests its scheduler claims
 * through REST. `auto` asks Discord (GET /gateway/bot, through DISCORD_API_URL) how many shards it
 * recommends.
 */
import { once } from 'node:events';
import { REST, ShardingManager } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import { projectFile, runsBundled } from '../../core/project-file.js';
import type { DigestPoster } from '../../digest/poster.js';
import type { Logger } from '../../logger.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { discordPoster } from './discord-poster.js';

/** The shard entry point: the bundled one under plain Node, the TypeScript one under tsx. */
const SHARD_SCRIPT = projectFile(runsBundled ? 'dist/discord-shard.js' : 'src/discord-shard.ts');

/** Discord's recommended shard count for this bot. */
async function recommendedShards(config: DiscordConfig): Promise<number> {
  const response = await fetch(`${config.apiUrl}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${config.token}` },
  });
  if (!response.ok) throw new Error(`Discord refused GET /gateway/bot (${response.status}): check DISCORD_TOKEN`);
  const { shards } = (await response.json()) as { shards?: number };
  return Math.max(1, shards ?? 1);
}

export interface DiscordShardsOptions {
  config: DiscordConfig;
  log: Logger;
  /** The corpus version, for the digests' footer. */
  version: () => string;
  /** Longest a shard may take to connect. */
  readyTimeoutMs?: number;
}

export class DiscordShards implements PlatformAdapter {
  readonly platform = 'discord';
  readonly poster: DigestPoster;
  private manager: ShardingManager | undefined;
  private readonly log: Logger;

  constructor(private readonly options: DiscordShardsOptions) {
    this.log = options.log.child({ adapter: 'discord', sharded: true });
    const rest = new REST({ api: options.config.apiUrl }).setToken(options.config.token);
    this.poster = discordPoster(rest, options.version);
  }

  /** Spawns every shard and resolves once each is connected. */
  async start(): Promise<void> {
    const { config } = this.options;
    const total =
      config.shards === 'auto' || config.shards === undefined ? await recommendedShards(config) : config.shards;
    const manager = new ShardingManager(SHARD_SCRIPT, {
      token: config.token,
      totalShards: total,
      mode: 'process',
      execArgv: runsBundled ? [] : ['--import', 'tsx'],
      respawn: true,
    });
    this.manager = manager;
    manager.on('shardCreate', (shard) => {
      this.log.info({ shard: shard.id, of: total }, 'discord shard starting');
      shard.on('death', () => this.log.warn({ shard: shard.id }, 'discord shard process exited; it is respawned'));
    });
    await manager.spawn({ amount: total, timeout: this.options.readyTimeoutMs ?? 60_000 });
    this.log.info({ shards: total }, 'discord ready');
  }

  /** Asks every shard process to stop (each finishes its replies in flight) and waits for them, bounded. */
  async stop(): Promise<void> {
    const shards = [...(this.manager?.shards.values() ?? [])];
    await Promise.all(
      shards.map(async (shard) => {
        const child = shard.process;
        shard.kill(); // no respawn; SIGTERM lets the shard drain
        if (child && child.exitCode === null) await Promise.race([once(child, 'exit'), delay(15_000)]);
      }),
    );
    this.log.info({ shards: shards.length }, 'discord shards stopped');
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());
