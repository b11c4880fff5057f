/**
 * The Discord adapter: a discord.js client that receives slash commands, dispatches them to the
 * same command definitions as the console, renders the neutral reply as embeds and answers. It
 * only translates; search and formatting live in the core and in src/reply.
 *
 * Interaction rules: Discord needs a first response within 3 s. A command whose work grows with the
 * documents (`mayTakeLong`) is deferred before it runs; any other reply not ready after
 * DEFER_AFTER_MS is deferred then. Deferred answers (public) are edited in; errors go to the asker only.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type InteractionReplyOptions,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { Origin } from '../../../commands/origin.js';
import type { DigestPoster } from '../../digest/poster.js';
import { Deliveries, type SharedDeliveries } from '../deliveries.js';
import { InFlight, type PlatformAdapter } from '../platform-adapter.js';
import { Turns } from '../turns.js';
import { discordPoster } from './discord-poster.js';
import type { CommandContext } from '../../../commands/command.js';
import { dispatch, findCommand } from '../../../commands/dispatch.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { type DiscordMessage, renderDiscord } from '../../reply/render-discord.js';
import type { Reply } from '../../reply/reply.js';
import { hasPicture, type ReplyImage, replyImage } from '../../reply/timeline-image/reply-image.js';
import { topicChoices } from './autocomplete.js';

/** Longest a reply may take before the interaction is deferred (Discord allows 3 s in all). */
const DEFER_AFTER_MS = 1_500;

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  context: CommandContext;
  log: Logger;
  /** Records interaction ids in the shared state store: another replica's session may receive the same one. */
  firstDelivery?: SharedDeliveries;
}

/** Discord's upload limit for a file on a server without boosts. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_EMBEDS = 10;

/**
 * What discord.js sends for a rendered message: mentions never parsed, whatever the text holds;
 * a picture first, in an embed of its own, with the text list under it.
 */
export function payloadOf(message: DiscordMessage, image?: ReplyImage): InteractionReplyOptions {
  const withImage = image !== undefined && message.embeds.length < MAX_EMBEDS;
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: withImage ? [{ image: { url: `attachment://${image.name}` } }, ...message.embeds] : message.embeds,
    ...(withImage ? { files: [{ attachment: image.png, name: image.name, description: image.description }] } : {}),
    // Quoted text such as "@everyone" or "<@123>" must never ping anyone.
    allowedMentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

const delay = (ms: number): Promise<undefined> =>
  new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());

export class DiscordAdapter implements PlatformAdapter {
  readonly platform = 'discord';
  private readonly client: Client;
  private log: Logger;
  private readonly inFlight = new InFlight();
  private readonly deliveries: Deliveries;
  private readonly turns = new Turns();
  /** Posts scheduled digests through this client. */
  readonly poster: DigestPoster;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.log.child({ adapter: 'discord' });
    this.deliveries = new Deliveries(options.firstDelivery, this.log);
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.config.apiUrl } });
    // Spawned by the ShardingManager: the client knows its shard (SHARDS), and every log line says it.
    if (this.client.shard) this.log = this.log.child({ shard: this.client.shard.ids.join(',') });
    this.client.on(Events.InteractionCreate, (interaction) => {
      if (this.inFlight.stopping) return;
      void this.inFlight
        .track(async () => {
          if (await this.deliveries.isRepeat(interaction.id)) return;
          await this.turns.next();
          if (interaction.isChatInputCommand()) await this.answer(interaction);
          else if (interaction.isAutocomplete()) await this.suggest(interaction);
        })
        .catch((error: unknown) => this.log.error({ err: error, interaction: interaction.id }, 'interaction failed'));
    });
    this.client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord client error'));
    this.client.rest.setToken(options.config.token);
    this.poster = discordPoster(this.client.rest, () => options.context.corpus.version);
  }

  /** Logs in and resolves once the gateway session is ready. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.config.token);
    await ready;
    this.log.info({ user: this.client.user?.tag }, 'discord ready');
  }

  /** Stops taking interactions, lets the ones in flight finish (a bounded wait), then closes the connection. */
  async stop(): Promise<void> {
    const left = await this.inFlight.drain();
    await this.client.destroy();
    this.log.info({ abandoned: left }, 'discord stopped');
  }

  private render(reply: Reply, image?: ReplyImage): InteractionReplyOptions {
    return payloadOf(renderDiscord(reply, { version: this.options.context.corpus.version }), image);
  }

  /** The reply's picture within Discord's file limit; a picture that fails is logged and left out. */
  private async imageFor(reply: Reply): Promise<ReplyImage | undefined> {
    try {
      const image = await replyImage(reply, 'dark');
      if (image && image.png.length > MAX_FILE_BYTES) {
        this.log.warn({ bytes: image.png.length }, 'timeline picture over the file limit: sent without it');
        return undefined;
      }
      return image;
    } catch (error) {
      this.log.error({ err: error }, 'timeline picture failed: sent without it');
      return undefined;
    }
  }

  private async answer(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const options = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
    const origin: Origin = {
      platform: 'discord',
      channelId: interaction.channelId,
      userId: interaction.user.id,
      // In a direct message the user owns the conversation; in a server, Manage Channels decides.
      canManage: () =>
        !interaction.inGuild() || Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)),
      ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
      isAdmin: () =>
        interaction.inGuild() && Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)),
    };
    // Work that can take long is acknowledged before it starts: no timer can fire while it computes.
    const heavy = findCommand(this.options.context.commands, interaction.commandName)?.mayTakeLong === true;
    const beforeRun = heavy ? () => interaction.deferReply().then(() => undefined) : undefined;
    const work = dispatch(
      { name: interaction.commandName, options },
      { ...this.options.context, origin },
      this.log,
      beforeRun ? { beforeRun } : {},
    );
    const early = heavy ? undefined : await Promise.race([work, delay(DEFER_AFTER_MS)]);
    let reply: Reply;
    // A reply with a picture is deferred first: drawing must never hold up Discord's first response.
    if (early && !hasPicture(early)) {
      reply = early;
      await interaction.reply(this.render(reply));
    } else {
      if (!heavy) await interaction.deferReply();
      reply = await work;
      if (!interaction.deferred) {
        // A heavy command refused before it ran (bad options): nothing was deferred yet.
        await interaction.reply(this.render(reply));
      } else if (reply.kind === 'error') {
        // The deferred answer was public; an error belongs to the asker alone.
        await interaction.deleteReply();
        await interaction.followUp(this.render(reply));
      } else {
        const { flags: _flags, ...edit } = this.render(reply, await this.imageFor(reply));
        await interaction.editReply(edit);
      }
    }
    this.log.info(
      {
        interaction: interaction.id,
        command: interaction.commandName,
        outcome: reply.kind === 'error' ? reply.code : reply.kind,
        deferred: !early,
        ms: Math.round(performance.now() - started),
      },
      'interaction answered',
    );
  }

  private async suggest(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const choices = focused.name === 'topic' ? topicChoices(this.options.context.corpus, String(focused.value)) : [];
    await interaction.respond(choices);
  }
}
