/**
 * A fake Discord on 127.0.0.1: the REST API and the gateway a real discord.js Client talks to,
 * enforcing the rules discord.js does not (3 s to acknowledge an interaction, one initial response,
 * message and embed limits, 25 autocomplete choices) and able to answer 429 with Retry-After.
 * Tests read what a user would see: each interaction's visible answer.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  commandProblems,
  MAX_FILE_BYTES,
  type MessageBody,
  messageProblems,
  type UploadedFile,
} from './discord-rules.js';

export const FAKE_APPLICATION_ID = '1100000000000000001';
export const FAKE_GUILD_ID = '1100000000000000002';
export const FAKE_CHANNEL_ID = '1100000000000000003';
export const FAKE_BOT_ID = '1100000000000000004';
export const FAKE_USER = {
  id: '1100000000000000005',
  username: 'analyst',
  discriminator: '0',
  global_name: 'Analyst',
  avatar: null,
};
export const FAKE_TOKEN = 'fake-bot-token-0123456789abcdef';

/** Discord's limits in time. */
const ACKNOWLEDGE_WITHIN_MS = 3_000;

/** What a user sees of an interaction's answer. */
export interface VisibleAnswer {
  message: MessageBody;
  /** Only the asker sees it. */
  ephemeral: boolean;
  /** The bot first showed "thinking…" (deferred) and edited the answer in. */
  deferred: boolean;
}

interface InteractionRecord {
  id: string;
  token: string;
  createdAt: number;
  acknowledged: boolean;
  /** Milliseconds from the interaction to its first response (a reply or a defer). */
  firstResponseMs?: number;
  deferred: boolean;
  deferredEphemeral: boolean;
  answer?: VisibleAnswer;
  choices?: { name: string; value: string }[];
  errors: { status: number; code: number; message: string }[];
}

export interface InteractionOptions {
  /** Command name. */
  name: string;
  /** Option values by name (strings and integers). */
  options?: Record<string, string | number>;
  /** A direct message with the bot instead of a server channel. */
  dm?: boolean;
  /** An autocomplete request for this option, with its partial value in `options`. */
  focused?: string;
  /** The member's permission bits in the channel (default: all). */
  permissions?: string;
  /** The server it comes from (default FAKE_GUILD_ID); it decides which shard receives it. */
  guildId?: string;
  /** The channel it is run in (default: the fake server's one channel). */
  channelId?: string;
}

/** The shard serving a server, as Discord computes it: (guild_id >> 22) % shard count. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

interface RateLimit {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
}

export class FakeDiscord extends EventEmitter {
  /** Every REST request, in order, for assertions. */
  readonly requests: { method: string; path: string; body: unknown; status: number }[] = [];
  /** The last registered command list, by route (global or guild). */
  readonly registered = new Map<string, unknown>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly sockets = new Set<WebSocket>();
  /** The shard each gateway session identified as ([id, count]); absent: [0, 1]. */
  private readonly shardOfSocket = new Map<WebSocket, [number, number]>();
  /** Every IDENTIFY's shard, in order. */
  readonly identified: [number, number][] = [];
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards = 1;
  private readonly rateLimits: RateLimit[] = [];
  /** Messages the bot posted to channels (scheduled digests), by channel, oldest first. */
  readonly channelMessages = new Map<string, (MessageBody & { id: string })[]>();
  /** Channels the bot has lost access to (posting answers 403 Missing Access). */
  readonly lostChannels = new Set<string>();
  /** Channels whose message routes never answer (a platform that hangs). */
  readonly hungChannels = new Set<string>();
  /** Requests held by a hung channel, and whether the bot gave up on each (closed its connection). */
  readonly held: { method: string; path: string; abandoned: boolean }[] = [];
  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  private sequence = 0;
  /** Snowflakes from the clock, as Discord's: ids never repeat across runs (the bot remembers ids it answered). */
  private nextId = (BigInt(Date.now()) - 1_420_070_400_000n) << 22n;
  port = 0;

  constructor() {
    super();
    this.server = createServer((request, response) => void this.handle(request, response));
    this.gateway = new WebSocketServer({ server: this.server });
    this.gateway.on('connection', (socket) => this.connect(socket));
  }

  /** REST base to hand discord.js (`rest.api`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next request matching method and path gets a 429 with this Retry-After. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.rateLimits.push({ method, path, retryAfterSeconds });
  }

  /** Sends an INTERACTION_CREATE over the gateway, as Discord does when a user runs a command. */
  sendInteraction({
    name,
    options = {},
    dm = false,
    focused,
    permissions = '2147483647',
    guildId = FAKE_GUILD_ID,
    channelId = FAKE_CHANNEL_ID,
  }: InteractionOptions): string {
    const id = String(this.nextId++);
    const token = `interaction-token-${id}`;
    this.interactions.set(id, {
      id,
      token,
      createdAt: Date.now(),
      acknowledged: false,
      deferred: false,
      deferredEphemeral: false,
      errors: [],
    });
    const data = {
      id: '1100000000000000100',
      name,
      type: 1,
      options: Object.entries(options).map(([optionName, value]) => ({
        name: optionName,
        type: typeof value === 'number' ? 4 : 3,
        value,
        ...(focused === optionName ? { focused: true } : {}),
      })),
    };
    const where = dm
      ? {
          channel_id: FAKE_CHANNEL_ID,
          channel: { id: FAKE_CHANNEL_ID, type: 1 },
          user: FAKE_USER,
          context: 1,
          authorizing_integration_owners: { '1': FAKE_USER.id },
        }
      : {
          guild_id: guildId,
          guild_locale: 'en-US',
          channel_id: channelId,
          channel: { id: channelId, type: 0, guild_id: guildId, name: 'briefings' },
          member: {
            user: FAKE_USER,
            roles: [],
            permissions,
            joined_at: '2025-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
          },
          context: 0,
          authorizing_integration_owners: { '0': FAKE_GUILD_ID },
        };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: FAKE_APPLICATION_ID,
      type: focused ? 4 : 2,
      token,
      version: 1,
      data,
      locale: 'en-US',
      app_permissions: '2147483647',
      entitlements: [],
      ...where,
    });
    return id;
  }

  /** Resolves with what the user sees once the interaction is answered. */
  answerTo(id: string, timeoutMs = 8_000): Promise<VisibleAnswer> {
    return this.waitFor(id, (record) => record.answer, timeoutMs);
  }

  /** Resolves with how many milliseconds the bot took to send its first response (reply or defer). */
  firstResponseTo(id: string, timeoutMs = 8_000): Promise<number> {
    return this.waitFor(id, (record) => record.firstResponseMs, timeoutMs);
  }

  /** Whether the interaction's answer is there yet (without waiting). */
  answered(id: string): boolean {
    return this.interactions.get(id)?.answer !== undefined;
  }

  /** Resolves with the autocomplete choices the bot offered. */
  choicesFor(id: string, timeoutMs = 8_000): Promise<{ name: string; value: string }[]> {
    return this.waitFor(id, (record) => record.choices, timeoutMs);
  }

  /** Errors the fake returned to the bot for an interaction (rule violations). */
  errorsFor(id: string): InteractionRecord['errors'] {
    return this.interactions.get(id)?.errors ?? [];
  }

  private waitFor<T>(id: string, pick: (record: InteractionRecord) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const record = this.interactions.get(id);
        const value = record ? pick(record) : undefined;
        if (value === undefined) return false;
        this.off('change', listener);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        this.off('change', listener);
        reject(
          new Error(
            `interaction ${id} got no answer within ${timeoutMs} ms; errors: ${JSON.stringify(this.errorsFor(id))}`,
          ),
        );
      }, timeoutMs);
      this.on('change', listener);
      check();
    });
  }

  // --- gateway -------------------------------------------------------------------------------

  private connect(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (packet.op === 2) {
        const shard = ((packet as { d?: { shard?: [number, number] } }).d?.shard ?? [0, 1]) as [number, number];
        this.shardOfSocket.set(socket, shard);
        this.identified.push(shard);
        this.send(socket, 'READY', {
          v: 10,
          user: {
            id: FAKE_BOT_ID,
            username: 'briefbot',
            discriminator: '0',
            bot: true,
            avatar: null,
            global_name: null,
          },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          application: { id: FAKE_APPLICATION_ID, flags: 0 },
          shard,
        });
      }
    });
  }

  private send(socket: WebSocket, event: string, data: unknown): void {
    socket.send(JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data }));
  }

  /** Sends an event to the sessions that receive it: a server's events go to the shard serving it (DMs to shard 0). */
  private dispatch(event: string, data: unknown): void {
    const guildId = (data as { guild_id?: string }).guild_id;
    for (const socket of this.sockets) {
      const [id, count] = this.shardOfSocket.get(socket) ?? [0, 1];
      if (id === (guildId ? shardOf(guildId, count) : 0)) this.send(socket, event, data);
    }
  }

  // --- REST ----------------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const contentType = request.headers['content-type'] ?? '';
    let body: unknown = text && contentType.includes('application/json') ? JSON.parse(text) : text;
    if (contentType.startsWith('multipart/form-data')) {
      // A message with files: payload_json holds the JSON body, files[n] the bytes (Discord's upload format).
      const parsed = await multipartMessage(raw, contentType);
      if (typeof parsed === 'string') {
        this.requests.push({ method: request.method ?? 'POST', path: request.url ?? '/', body: parsed, status: 413 });
        response
          .writeHead(413, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: parsed, code: 40005 }));
        this.emit('change');
        return;
      }
      body = parsed;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.split('/').map(decodeURIComponent).join('/');
    const method = request.method ?? 'GET';
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method, path, body, status });
      if (payload === undefined) {
        response.writeHead(status, headers).end();
      } else {
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      }
      this.emit('change');
    };

    const limit = this.rateLimits.findIndex((rule) => rule.method === method && rule.path.test(path));
    if (limit >= 0) {
      const [rule] = this.rateLimits.splice(limit, 1);
      const seconds = String(rule!.retryAfterSeconds);
      return reply(
        429,
        { message: 'You are being rate limited.', retry_after: rule!.retryAfterSeconds, global: false },
        { 'retry-after': seconds, 'x-ratelimit-scope': 'user' },
      );
    }

    const isInteractionRoute = /^\/api\/v10\/(interactions|webhooks)\//.test(path);
    if (!isInteractionRoute && request.headers.authorization !== `Bot ${FAKE_TOKEN}`)
      return reply(401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      });
    }
    const registration = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (registration && method === 'PUT') {
      const problems = commandProblems(body);
      if (problems.length) return reply(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      this.registered.set(registration[2] ? `guild:${registration[2]}` : 'global', body);
      return reply(
        200,
        (body as object[]).map((command, i) => ({
          id: String(1_200_000_000_000_000_000n + BigInt(i)),
          application_id: registration[1],
          version: '1',
          ...command,
        })),
      );
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (channel && this.hungChannels.has(channel[1]!)) {
      const entry = { method, path, abandoned: false };
      this.held.push(entry);
      response.on('close', () => {
        entry.abandoned = true;
        this.emit('change');
      });
      this.emit('change');
      return;
    }
    if (channel) return this.channelRoute(method, channel[1]!, body as MessageBody, reply);
    const callback = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST')
      return this.callback(callback[1]!, callback[2]!, body as Parameters<FakeDiscord['callback']>[2], reply);
    const webhook = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original))?$/.exec(path);
    if (webhook) return this.webhook(method, webhook[2]!, Boolean(webhook[3]), body as MessageBody, reply);
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  private channelRoute(
    method: string,
    channelId: string,
    body: MessageBody,
    reply: (status: number, payload?: unknown) => void,
  ): void {
    if (this.lostChannels.has(channelId)) return reply(403, { message: 'Missing Access', code: 50001 });
    const messages = this.channelMessages.get(channelId) ?? [];
    if (method === 'GET')
      return reply(
        200,
        [...messages].reverse().map((message) => this.messageObject(message.id, channelId, message)),
      );
    if (method !== 'POST') return reply(405, { message: '405: Method Not Allowed', code: 0 });
    const problems = messageProblems(body);
    if (problems.length) return reply(400, { message: `Invalid Form Body: ${problems.join('; ')}`, code: 50035 });
    const id = String(this.nextId++);
    messages.push({ ...body, id });
    this.channelMessages.set(channelId, messages);
    return reply(200, this.messageObject(id, channelId, body));
  }

  private messageObject(id: string, channelId: string, body: MessageBody): Record<string, unknown> {
    return {
      id,
      type: 0,
      channel_id: channelId,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      author: { id: FAKE_BOT_ID, username: 'briefbot', discriminator: '0', bot: true, avatar: null },
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: body.flags ?? 0,
      components: [],
    };
  }

  private recordFor(token: string): InteractionRecord | undefined {
    return [...this.interactions.values()].find((record) => record.token === token);
  }

  private callback(
    id: string,
    token: string,
    body: {
      type: number;
      data?: MessageBody & { choices?: { name: string; value: string }[] };
      uploads?: UploadedFile[];
    },
    reply: (status: number, payload?: unknown) => void,
  ): void {
    // The files of a callback belong to its message (data).
    if (body.uploads && body.data) body.data.uploads = body.uploads;
    const record = this.interactions.get(id);
    const fail = (status: number, code: number, message: string): void => {
      record?.errors.push({ status, code, message });
      reply(status, { message, code });
    };
    if (!record || record.token !== token) return fail(404, 10062, 'Unknown interaction');
    if (record.acknowledged) return fail(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - record.createdAt > ACKNOWLEDGE_WITHIN_MS) return fail(404, 10062, 'Unknown interaction');
    const acknowledge = (): void => {
      record.acknowledged = true;
      record.firstResponseMs = Date.now() - record.createdAt;
    };
    if (body.type === 8) {
      const choices = body.data?.choices ?? [];
      if (choices.length > 25) return fail(400, 50035, 'Invalid Form Body: more than 25 choices');
      acknowledge();
      record.choices = choices;
      return reply(204);
    }
    if (body.type === 5) {
      acknowledge();
      record.deferred = true;
      record.deferredEphemeral = ((body.data?.flags ?? 0) & 64) !== 0;
      return reply(204);
    }
    if (body.type === 4) {
      const problems = messageProblems(body.data ?? {});
      if (problems.length) return fail(400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
      acknowledge();
      record.answer = {
        message: { ...body.data!, ...(body.uploads ? { uploads: body.uploads } : {}) },
        ephemeral: ((body.data!.flags ?? 0) & 64) !== 0,
        deferred: false,
      };
      return reply(204);
    }
    return fail(400, 50035, `unsupported callback type ${body.type}`);
  }

  private webhook(
    method: string,
    token: string,
    original: boolean,
    body: MessageBody,
    reply: (status: number, payload?: unknown) => void,
  ): void {
    const record = this.recordFor(token);
    if (!record?.acknowledged) return reply(404, { message: 'Unknown Webhook', code: 10015 });
    if (method === 'DELETE' && original) {
      delete record.answer;
      return reply(204);
    }
    const problems = messageProblems(body);
    if (problems.length) {
      record.errors.push({ status: 400, code: 50035, message: problems.join('; ') });
      return reply(400, { message: `Invalid Form Body: ${problems.join('; ')}`, code: 50035 });
    }
    const ephemeral = original ? record.deferredEphemeral : ((body.flags ?? 0) & 64) !== 0;
    record.answer = { message: body, ephemeral, deferred: record.deferred };
    return reply(200, {
      ...this.messageObject(String(this.nextId++), FAKE_CHANNEL_ID, body),
      application_id: FAKE_APPLICATION_ID,
      webhook_id: FAKE_APPLICATION_ID,
    });
  }
}

/**
 * Reads a multipart message as Discord does: the JSON of `payload_json` and every `files[n]` part,
 * as `uploads`. Returns the error Discord would give for a file over its limit.
 */
async function multipartMessage(raw: Buffer, contentType: string): Promise<Record<string, unknown> | string> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const payload = form.get('payload_json');
  const message = (typeof payload === 'string' ? JSON.parse(payload) : {}) as Record<string, unknown>;
  const uploads: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    const part = /^files\[(\d+)\]$/.exec(name);
    if (!part || typeof value === 'string') continue;
    const bytes = Buffer.from(await value.arrayBuffer());
    if (bytes.length > MAX_FILE_BYTES)
      return `Request entity too large: ${value.name} is ${bytes.length} bytes (max ${MAX_FILE_BYTES})`;
    uploads.push({ id: Number(part[1]), filename: value.name, contentType: value.type, bytes });
  }
  return { ...message, uploads };
}
