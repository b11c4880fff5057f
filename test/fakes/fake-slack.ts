/**
 * A fake Slack on 127.0.0.1: the Web API methods the bot calls (auth.test, chat.postMessage,
 * chat.postEphemeral, apps.connections.open), the response_url endpoint slash commands answer
 * through, and a Socket Mode WebSocket. It checks tokens and Block Kit limits, can answer 429 with
 * Retry-After, and records every message a user would see.
 */
import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { blockProblems, blockTextLength, MAX_BLOCK_TEXT } from './slack-rules.js';

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';
export const FAKE_SIGNING_SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
export const FAKE_BOT_USER = 'U0BRIEFBOT';
export const FAKE_BOT_ID = 'B0BRIEFBOT';
export const FAKE_TEAM = 'T0TEAM';
export const FAKE_CHANNEL_CREATOR = 'U0CREATOR';
/** The app's OAuth credentials (Basic Information). */
export const FAKE_CLIENT_ID = '1111111111.2222222222';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-0123';

/** A message a user sees in Slack. */
export interface PostedMessage {
  /** chat.postMessage, chat.postEphemeral, a response_url post, or files shared by files.completeUploadExternal. */
  via: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'files.completeUploadExternal';
  channel?: string;
  thread_ts?: string;
  /** in_channel or ephemeral, for response_url posts. */
  response_type?: string;
  /** The id in the response_url a slash command answered through. */
  responseId?: string;
  text?: string;
  /** The bot token the message was sent with (Web API calls). */
  token?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
  /** The files shared, with the bytes uploaded for each. */
  files?: SharedFile[];
}

/** A file shared through the upload flow. */
export interface SharedFile {
  id: string;
  filename: string;
  title?: string;
  altText?: string;
  bytes: Buffer;
}

/** A file between files.getUploadURLExternal and files.completeUploadExternal. */
interface PendingUpload {
  filename: string;
  length: number;
  altText?: string;
  bytes?: Buffer;
}

export class FakeSlack extends EventEmitter {
  readonly messages: PostedMessage[] = [];
  readonly calls: { method: string; status: number }[] = [];
  private readonly server: Server;
  private readonly socketServer: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly rateLimits: { method: string; seconds: number }[] = [];
  private readonly acks = new Map<string, unknown>();
  /** Statuses the next response_url posts answer with, in order (e.g. 503, 503: two failures, then accepted). */
  readonly responseUrlFailures: number[] = [];
  /**
   * Channels whose next chat.postMessage is received and never answered (a platform call hanging);
   * when the bot's connection goes (its process killed), the post is dropped, never shown.
   */
  readonly holdNextPostTo = new Set<string>();
  /** Posts held so far, and whether the bot's connection went away. */
  readonly heldPosts: { channel: string; abandoned: boolean }[] = [];
  /** Bot tokens the fake accepts, and the workspace (team id) each belongs to. */
  readonly teamTokens = new Map<string, string>([[FAKE_BOT_TOKEN, FAKE_TEAM]]);
  /** OAuth codes Slack would hand the bot after a user approves an install: code -> the workspace and its new bot token. */
  readonly installCodes = new Map<string, { teamId: string; token: string; botUserId: string }>();
  /** Channels the bot can no longer post to (chat.postMessage answers channel_not_found). */
  readonly lostChannels = new Set<string>();
  private nextTs = 1_700_000_000;
  /** Files announced with files.getUploadURLExternal, by id, until completed. */
  private readonly uploads = new Map<string, PendingUpload>();
  /** Problems with the upload flow the fake refused (calls out of order, wrong length), for assertions. */
  readonly uploadErrors: string[] = [];
  port = 0;

  constructor() {
    super();
    this.server = createServer((request, response) => void this.handle(request, response));
    this.socketServer = new WebSocketServer({ server: this.server, path: '/socket' });
    this.socketServer.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.emit('socket-closed');
      });
      socket.on('message', (raw) => {
        const ack = JSON.parse(String(raw)) as { envelope_id?: string };
        if (ack.envelope_id) {
          this.acks.set(ack.envelope_id, ack);
          this.emit('change');
        }
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0APP' },
        }),
      );
      this.emit('socket-open');
    });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url for a slash command; posts to it are recorded as the command's answer. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.socketServer.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call of a Web API method answers 429 with this Retry-After. */
  rateLimitNext(method: string, seconds: number): void {
    this.rateLimits.push({ method, seconds });
  }

  /** Resolves with the first recorded message matching `where`. */
  waitForMessage(where: (message: PostedMessage) => boolean, timeoutMs = 8_000): Promise<PostedMessage> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.messages.find(where);
        if (!found) return;
        this.off('change', check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.off('change', check);
        reject(
          new Error(
            `no matching Slack message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => [m.via, m.text?.slice(0, 60)]))}`,
          ),
        );
      }, timeoutMs);
      this.on('change', check);
      check();
    });
  }

  /** Sends a slash command over Socket Mode; resolves with the acknowledgement. */
  async sendSlashCommandOverSocket(payload: Record<string, string>, timeoutMs = 5_000): Promise<unknown> {
    const envelopeId = `env-${this.nextTs++}`;
    for (const socket of this.sockets)
      socket.send(
        JSON.stringify({ envelope_id: envelopeId, type: 'slash_commands', payload, accepts_response_payload: true }),
      );
    const started = Date.now();
    while (!this.acks.has(envelopeId)) {
      if (Date.now() - started > timeoutMs) throw new Error('no Socket Mode acknowledgement');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.acks.get(envelopeId);
  }

  /**
   * Slack's answer to the upload POST (raw bytes, or multipart with one file part): it must follow
   * getUploadURLExternal and its bytes match the declared length.
   */
  private receiveUpload(id: string, bytes: Buffer, response: ServerResponse): void {
    const pending = this.uploads.get(id);
    const refuse = (problem: string): void => {
      this.uploadErrors.push(problem);
      response.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
      this.emit('change');
    };
    if (!pending) return refuse(`upload to ${id} without files.getUploadURLExternal`);
    if (pending.bytes) return refuse(`second upload to ${id}`);
    if (bytes.length !== pending.length)
      return refuse(`upload to ${id} is ${bytes.length} bytes, ${pending.length} were declared`);
    pending.bytes = bytes;
    this.calls.push({ method: 'upload', status: 200 });
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
    this.emit('change');
  }

  /** files.completeUploadExternal: shares uploaded files in a channel or thread; every file must have been uploaded first. */
  private completeUpload(body: Record<string, unknown>, json: (status: number, payload: unknown) => void): void {
    const files = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as
      | { id: string; title?: string }[]
      | undefined;
    if (!Array.isArray(files) || files.length === 0) return json(200, { ok: false, error: 'invalid_arguments' });
    for (const file of files) {
      const pending = this.uploads.get(file.id);
      if (!pending?.bytes) {
        this.uploadErrors.push(`completeUploadExternal for ${file.id} before its bytes were uploaded`);
        return json(200, { ok: false, error: 'file_not_found' });
      }
    }
    const channel = body.channel_id === undefined ? undefined : String(body.channel_id);
    if (channel && this.lostChannels.has(channel)) return json(200, { ok: false, error: 'channel_not_found' });
    const shared = files.map((file) => {
      const pending = this.uploads.get(file.id)!;
      this.uploads.delete(file.id);
      return {
        id: file.id,
        filename: pending.filename,
        ...(file.title ? { title: file.title } : {}),
        ...(pending.altText ? { altText: pending.altText } : {}),
        bytes: pending.bytes!,
      };
    });
    if (channel)
      this.messages.push({
        via: 'files.completeUploadExternal',
        channel,
        ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
        files: shared,
      });
    return json(200, { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title ?? file.filename })) });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const uploadPath = /^\/upload\/(F\w+)$/.exec(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (uploadPath)
      return this.receiveUpload(
        uploadPath[1]!,
        await uploadedBytes(bytes, request.headers['content-type'] ?? ''),
        response,
      );
    const raw = bytes.toString('utf8');
    const type = request.headers['content-type'] ?? '';
    const body: Record<string, unknown> = type.includes('application/json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      this.emit('change');
    };

    const responseUrl = /^\/response\/([\w-]+)$/.exec(path);
    if (responseUrl) {
      const failure = this.responseUrlFailures.shift();
      if (failure !== undefined) return json(failure, { ok: false, error: 'failed' });
      const problems = blockProblems(body.blocks, body.text);
      if (problems.length) return json(400, { ok: false, error: 'invalid_blocks', problems });
      this.messages.push({
        via: 'response_url',
        responseId: responseUrl[1],
        response_type: String(body.response_type ?? 'ephemeral'),
        text: body.text as string,
        blocks: body.blocks as PostedMessage['blocks'],
      });
      return json(200, { ok: true });
    }

    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    if (!method) return json(404, { ok: false, error: 'unknown_method' });
    const limit = this.rateLimits.findIndex((rule) => rule.method === method);
    if (limit >= 0) {
      const [rule] = this.rateLimits.splice(limit, 1);
      this.calls.push({ method, status: 429 });
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(rule!.seconds) });
    }
    this.calls.push({ method, status: 200 });
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '') || String(body.token ?? '');
    if (method === 'apps.connections.open') {
      if (token !== FAKE_APP_TOKEN) return json(200, { ok: false, error: 'invalid_auth' });
      return json(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` });
    }
    if (method === 'oauth.v2.access') {
      if (body.client_id !== FAKE_CLIENT_ID || body.client_secret !== FAKE_CLIENT_SECRET)
        return json(200, { ok: false, error: 'invalid_client_id' });
      const install = this.installCodes.get(String(body.code));
      if (!install) return json(200, { ok: false, error: 'invalid_code' });
      this.installCodes.delete(String(body.code));
      this.teamTokens.set(install.token, install.teamId);
      return json(200, {
        ok: true,
        app_id: 'A0APP',
        access_token: install.token,
        token_type: 'bot',
        scope: 'commands,chat:write',
        bot_user_id: install.botUserId,
        team: { id: install.teamId, name: `Workspace ${install.teamId}` },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: 'U0INSTALLER' },
      });
    }
    const team = this.teamTokens.get(token);
    if (!team) return json(200, { ok: false, error: 'invalid_auth' });
    if (method === 'conversations.info')
      return json(200, {
        ok: true,
        channel: { id: body.channel, name: 'briefings', creator: FAKE_CHANNEL_CREATOR, is_channel: true },
      });
    if (method === 'conversations.history') {
      const history = this.messages
        .filter((message) => message.via === 'chat.postMessage' && message.channel === body.channel)
        .map((message, i) => ({ ts: `${1_600_000_000 + i}.000100`, text: message.text, blocks: message.blocks }));
      return json(200, { ok: true, messages: history.reverse() });
    }
    if (method === 'auth.test')
      return json(200, {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake',
        user: 'briefbot',
        team_id: team,
        user_id: team === FAKE_TEAM ? FAKE_BOT_USER : `U0BOT${team}`,
        bot_id: team === FAKE_TEAM ? FAKE_BOT_ID : `B0BOT${team}`,
      });
    if (method === 'files.getUploadURLExternal') {
      const length = Number(body.length);
      if (!body.filename || !Number.isInteger(length) || length <= 0)
        return json(200, { ok: false, error: 'invalid_arguments' });
      const id = `F${this.nextTs++}`;
      this.uploads.set(id, {
        filename: String(body.filename),
        length,
        ...(body.alt_txt || body.alt_text ? { altText: String(body.alt_txt ?? body.alt_text) } : {}),
      });
      return json(200, { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
    }
    if (method === 'files.completeUploadExternal') return this.completeUpload(body, json);
    if (method === 'chat.postMessage' && this.holdNextPostTo.delete(String(body.channel))) {
      const held = { channel: String(body.channel), abandoned: false };
      this.heldPosts.push(held);
      response.on('close', () => {
        held.abandoned = true;
        this.emit('change');
      });
      this.emit('change');
      return;
    }
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      if (this.lostChannels.has(String(body.channel))) return json(200, { ok: false, error: 'channel_not_found' });
      const blocks = typeof body.blocks === 'string' ? (JSON.parse(body.blocks) as unknown) : body.blocks;
      const problems = blockProblems(blocks, body.text);
      if (problems.length)
        return json(200, { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } });
      if (method === 'chat.postMessage' && blockTextLength(blocks) > MAX_BLOCK_TEXT)
        return json(200, { ok: false, error: 'msg_blocks_too_long' });
      const ts = `${this.nextTs++}.000100`;
      this.messages.push({
        via: method,
        channel: String(body.channel),
        thread_ts: body.thread_ts as string | undefined,
        text: body.text as string,
        token,
        blocks: blocks as PostedMessage['blocks'],
      });
      return json(200, {
        ok: true,
        channel: body.channel,
        ts,
        ...(method === 'chat.postEphemeral' ? { message_ts: ts } : { message: { ts, text: body.text } }),
      });
    }
    return json(200, { ok: false, error: 'unknown_method' });
  }
}

/** The file's bytes of an upload POST: the body itself, or the one file part of a multipart body. */
async function uploadedBytes(body: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const parts = [...form.values()].filter((value) => typeof value !== 'string') as Blob[];
  return parts.length === 1 ? Buffer.from(await parts[0]!.arrayBuffer()) : Buffer.alloc(0);
}

/** A request signed the way Slack signs them: v0=HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The Events API envelope Slack wraps an event in; its time is the event's own timestamp. */
export function eventEnvelope(eventId: string, event: { event_ts: string }): Record<string, unknown> {
  return {
    token: 'x',
    team_id: FAKE_TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Number(event.event_ts)),
    event,
  };
}

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  retryNum?: number;
  json?: boolean;
}

/** POSTs a signed slash command (form) or event (JSON) to a Bolt HTTP receiver. */
export async function signedPost(
  url: string,
  payload: Record<string, unknown>,
  options: SignedPostOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = options.json
    ? JSON.stringify(payload)
    : new URLSearchParams(payload as Record<string, string>).toString();
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? FAKE_SIGNING_SECRET, timestamp, body),
      ...(options.retryNum !== undefined
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
}
