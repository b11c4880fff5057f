/**
 * The Slack adapter on @slack/bolt: HTTP mode (Bolt's /slack/events, signed requests) or Socket
 * Mode from the same code. Slash commands are acknowledged at once, dispatched to the same command
 * definitions as the console, rendered as Block Kit and answered in the channel (errors to the
 * asker only). An @mention is answered in its thread, since slash commands cannot be used there.
 */
import { App, type CustomRoute, HTTPReceiver, type InstallationStore, type RespondArguments } from '@slack/bolt';
import type { CommandContext } from '../../../commands/command.js';
import { dispatchText } from '../../../commands/dispatch-text.js';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { renderSlack, type SlackMessage } from '../../reply/render-slack.js';
import type { Reply } from '../../reply/reply.js';
import { hasPicture, replyImage } from '../../reply/timeline-image/reply-image.js';
import type { Origin } from '../../../commands/origin.js';
import type { DigestPoster } from '../../digest/poster.js';
import { InFlight, type PlatformAdapter } from '../platform-adapter.js';
import { Turns } from '../turns.js';
import { boltLogger } from './bolt-logger.js';
import { SLACK_BOT_SCOPES } from './manifest.js';
import { Deliveries, type SharedDeliveries } from '../deliveries.js';
import { refuseFutureRequests } from './future-requests.js';
import { respondWithRetry, type RespondRetryOptions } from './respond-with-retry.js';
import { slackPoster } from './slack-poster.js';
import { decodeSlackEntities, withoutMention } from './slack-text.js';

export interface SlackAdapterOptions {
  config: SlackConfig;
  /** How a failed response_url post is retried (default 3 retries after 0.5, 2 and 8 s). */
  respondRetry?: RespondRetryOptions;
  context: CommandContext;
  log: Logger;
  /** The bot's ids; when absent Bolt asks auth.test for them. */
  botId?: string;
  botUserId?: string;
  /** Interface to listen on in HTTP mode (default all). */
  host?: string;
  /** Records deliveries in the shared state store, so a retry reaching another replica is not answered twice. */
  firstDelivery?: SharedDeliveries;
  /** More routes on the HTTP receiver (health checks). */
  routes?: CustomRoute[];
  /** Where the OAuth install flow keeps each workspace's installation (required with `config.oauth`). */
  installationStore?: InstallationStore;
  /** Called when a workspace uninstalls the app (or revokes its bot token), after its installation is deleted. */
  uninstalled?: (workspaceId: string) => Promise<void>;
}

/** The Web API client a listener gets: the workspace's own token with OAuth, the one token otherwise. */
type SlackClient = App['client'];

export class SlackAdapter implements PlatformAdapter {
  readonly platform = 'slack';
  readonly app: App;
  private readonly log: Logger;
  private readonly deliveries: Deliveries;
  private readonly turns = new Turns();
  private readonly inFlight = new InFlight();
  /** Port the HTTP receiver listens on, once started (HTTP mode). */
  port: number | undefined;
  /** Posts scheduled digests through this app's Web API client. */
  readonly poster: DigestPoster;

  constructor(private readonly options: SlackAdapterOptions) {
    const { config } = options;
    this.log = options.log.child({ adapter: 'slack', mode: config.appToken ? 'socket' : 'http' });
    this.deliveries = new Deliveries(options.firstDelivery, this.log);
    // A few quick retries (rate limits are waited out first): an answer an hour late is no answer.
    // Every Web API call times out (a hung call must not hold a reply or a digest forever).
    const clientOptions = {
      slackApiUrl: config.apiUrl,
      timeout: 15_000,
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    };
    const logger = boltLogger(this.log);
    const { oauth } = config;
    if (oauth && !options.installationStore)
      throw new Error('the Slack OAuth install flow needs the state store to keep installations');
    const receiver = config.appToken
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.signingSecret!,
          port: config.port,
          logger,
          ...(options.routes ? { customRoutes: options.routes } : {}),
          // Many workspaces: /slack/install sends the user to Slack's consent page (directInstall),
          // /slack/oauth_redirect exchanges the code (oauth.v2.access) and stores the installation.
          ...(oauth
            ? {
                clientId: oauth.clientId,
                clientSecret: oauth.clientSecret,
                stateSecret: oauth.stateSecret,
                scopes: [...SLACK_BOT_SCOPES],
                installationStore: options.installationStore!,
                installerOptions: { directInstall: true, clientOptions },
              }
            : {}),
        });
    if (receiver) refuseFutureRequests(receiver, this.log);
    this.app = new App({
      ...(config.botToken ? { token: config.botToken } : {}),
      logger,
      clientOptions,
      ...(options.botId && !oauth ? { botId: options.botId } : {}),
      ...(options.botUserId && !oauth ? { botUserId: options.botUserId } : {}),
      ...(receiver
        ? { receiver }
        : { socketMode: true, appToken: config.appToken!, installerOptions: { clientOptions } }),
    });
    const names = options.context.commands.map((command) => command.name).join('|');
    this.app.command(new RegExp(`^/(${names})$`), async ({ command, ack, respond, client }) => {
      await ack();
      if (this.inFlight.stopping) return;
      await this.inFlight.track(async () => {
        if (await this.deliveries.isRepeat(command.trigger_id)) return;
        await this.turns.next();
        const started = performance.now();
        const name = command.command.slice(1);
        const origin = this.originOf(client, command.channel_id, command.user_id, command.team_id);
        const reply = await dispatchText(
          `/${name} ${decodeSlackEntities(command.text)}`,
          { ...options.context, origin },
          this.log,
        );
        await this.sharePicture(client, reply, command.channel_id);
        const message = this.render(reply);
        const response: RespondArguments = {
          response_type: message.ephemeral ? 'ephemeral' : 'in_channel',
          text: message.text,
          blocks: message.blocks,
          replace_original: false,
        };
        const fields = {
          request: command.trigger_id,
          command: name,
          user: command.user_id,
          channel: command.channel_id,
        };
        if (await respondWithRetry(respond, response, this.log, fields, options.respondRetry))
          this.logAnswer(fields, reply, started);
      });
    });
    this.app.event('app_mention', async ({ event, body, say, client, context }) => {
      if (this.inFlight.stopping) return;
      await this.inFlight.track(async () => {
        if (await this.deliveries.isRepeat((body as { event_id?: string }).event_id)) return;
        await this.turns.next();
        const started = performance.now();
        const text = decodeSlackEntities(withoutMention(event.text, context.botUserId));
        const teamId = (body as { team_id?: string }).team_id;
        const origin = this.originOf(client, event.channel, event.user ?? '', teamId);
        const reply = await dispatchText(text === '' ? '/help' : text, { ...options.context, origin }, this.log);
        const thread = event.thread_ts ?? event.ts;
        await this.sharePicture(client, reply, event.channel, thread);
        const message = this.render(reply);
        if (message.ephemeral && event.user) {
          await client.chat.postEphemeral({
            channel: event.channel,
            user: event.user,
            text: message.text,
            blocks: message.blocks,
            thread_ts: thread,
          });
        } else {
          await say({ text: message.text, blocks: message.blocks, thread_ts: thread });
        }
        this.logAnswer(
          {
            request: (body as { event_id?: string }).event_id,
            command: 'mention',
            user: event.user,
            retry: context.retryNum,
          },
          reply,
          started,
        );
      });
    });
    this.app.error(async (error) => {
      this.log.error({ err: error }, 'slack handler failed');
    });
    if (oauth) this.handleUninstalls();
    const tokenFor = async (workspaceId: string | undefined): Promise<string | undefined> => {
      if (!workspaceId) return undefined;
      const query = { teamId: workspaceId, enterpriseId: undefined, isEnterpriseInstall: false };
      const installation = await options.installationStore!.fetchInstallation(query).catch(() => undefined);
      return installation?.bot?.token;
    };
    this.poster = slackPoster(this.app.client, () => options.context.corpus.version, oauth ? tokenFor : undefined);
  }

  /**
   * Shares the reply's picture (a timeline's PNG) in the channel or thread, before the text so the
   * list reads under it, through Slack's upload flow (files.getUploadURLExternal, the bytes to the
   * upload URL, files.completeUploadExternal). A picture that fails is logged; the text still goes.
   */
  private async sharePicture(client: SlackClient, reply: Reply, channelId: string, threadTs?: string): Promise<void> {
    if (!hasPicture(reply)) return;
    try {
      const image = (await replyImage(reply, 'light'))!;
      const file = { file: image.png, filename: image.name, title: 'Timeline', alt_text: image.description };
      await client.files.uploadV2(
        threadTs ? { ...file, channel_id: channelId, thread_ts: threadTs } : { ...file, channel_id: channelId },
      );
    } catch (error) {
      this.log.warn({ err: error, channel: channelId }, 'timeline picture not shared; the list is sent without it');
    }
  }

  /** The channel and user of a request; admins, and the channel's creator, manage its digest. */
  private originOf(client: SlackClient, channelId: string, userId: string, workspaceId?: string): Origin {
    const canManage = async (): Promise<boolean> => {
      // A direct message belongs to the user.
      if (this.options.config.adminUserIds.includes(userId) || channelId.startsWith('D')) return true;
      try {
        const info = await client.conversations.info({ channel: channelId });
        return info.channel?.creator === userId;
      } catch (error) {
        this.log.debug({ err: error, channel: channelId }, 'cannot read channel info; only admins manage its digest');
        return false;
      }
    };
    const isAdmin = (): boolean => this.options.config.adminUserIds.includes(userId);
    return { platform: 'slack', channelId, userId, canManage, isAdmin, ...(workspaceId ? { workspaceId } : {}) };
  }

  /**
   * A workspace that uninstalls the app, or revokes the bot's token, is forgotten: its installation
   * (the token) and its channels' digest subscriptions are deleted.
   */
  private handleUninstalls(): void {
    const forget = async (teamId: string | undefined, enterpriseId: string | undefined, why: string): Promise<void> => {
      if (!teamId) return;
      const query = { teamId, enterpriseId, isEnterpriseInstall: false };
      await this.options.installationStore!.deleteInstallation?.(query);
      await this.options.uninstalled?.(teamId);
      this.log.info({ workspace: teamId, why }, 'slack workspace forgotten: installation and subscriptions deleted');
    };
    this.app.event('app_uninstalled', async ({ body }) => {
      await forget(body.team_id, body.enterprise_id, 'app_uninstalled');
    });
    this.app.event('tokens_revoked', async ({ event, body }) => {
      if ((event.tokens.bot ?? []).length > 0) await forget(body.team_id, body.enterprise_id, 'tokens_revoked');
    });
  }

  /** Starts the receiver: the HTTP server, or the Socket Mode connection. */
  async start(): Promise<void> {
    // Bolt checks the bot token only when the first request arrives: check it now, so a refused
    // token stops start-up with a sentence instead of failing every request later.
    if (!this.options.config.oauth) await this.app.client.auth.test();
    if (this.options.config.appToken) {
      await this.app.start();
    } else {
      const server = (await this.app.start({
        port: this.options.config.port,
        ...(this.options.host ? { host: this.options.host } : {}),
      })) as { address(): unknown };
      const address = server.address();
      this.port =
        typeof address === 'object' && address !== null ? (address as { port: number }).port : this.options.config.port;
    }
    this.log.info({ port: this.port }, 'slack ready');
  }

  /** Stops taking requests, lets replies in flight finish (a bounded wait), then closes the receiver. */
  async stop(): Promise<void> {
    const left = await this.inFlight.drain();
    await this.app.stop();
    this.log.info({ abandoned: left }, 'slack stopped');
  }

  private render(reply: Reply): SlackMessage {
    return renderSlack(reply, { version: this.options.context.corpus.version });
  }

  private logAnswer(fields: Record<string, unknown>, reply: Reply, started: number): void {
    this.log.info(
      {
        ...fields,
        outcome: reply.kind === 'error' ? reply.code : reply.kind,
        ms: Math.round(performance.now() - started),
      },
      'slack answered',
    );
  }
}
