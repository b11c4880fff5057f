/**
 * One Discord shard's process, spawned by the ShardingManager when DISCORD_SHARDS is set (see
 * src/adapters/discord/discord-shards.ts): it loads the documents and the state store as `npm start`
 * does, and answers the interactions of its shard (discord.js reads which from SHARDS/SHARD_COUNT).
 * The replica that spawned it runs the digest scheduler; this process runs none.
 */
import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { servePlatforms } from './serve-platforms.js';
import { exitWithStartupError } from './startup-error.js';

try {
  const config = loadConfig();
  if (!config.discord) throw new Error('a Discord shard needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  const log = createLogger(config.logLevel ?? 'info');
  // Discord only, in this process, with no HTTP port of its own (the replica serves health checks).
  const shardConfig = {
    ...config,
    slack: undefined,
    port: undefined,
    discord: { ...config.discord, shards: undefined },
  };
  const app = await startApp({ config: shardConfig, log, platforms: ['discord'] });
  const served = await servePlatforms(shardConfig, app, log, { digests: false });
  const stop = (): void => {
    void served.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await served.loaded;
} catch (error) {
  exitWithStartupError(error);
}
