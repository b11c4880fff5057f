/**
 * The Slack adapter end to end: the real Bolt app on 127.0.0.1 driven with signed slash commands
 * and events, answering through a fake Slack Web API and response_url on loopback.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { BUNDLED_DATA_DIR, type SlackConfig } from '../../src/config.js';
import { NOTHING_FOUND } from '../../src/core/ask.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import {
  FAKE_APP_TOKEN,
  FAKE_BOT_ID,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_SIGNING_SECRET,
  FAKE_TEAM,
  FakeSlack,
  eventEnvelope,
  type PostedMessage,
  signedPost,
} from '../fakes/fake-slack.js';
import { blockProblems, blockTextLength, MAX_BLOCK_TEXT } from '../fakes/slack-rules.js';
import { chronicleDocument, dataFolder } from '../helpers.js';
import { SCENARIOS, typedLine } from '../scenarios.js';

const log = createLogger('silent');
let counter = 0;

/** What a reader sees: blocks' text with Slack's entities decoded and emphasis removed. */
function shown(message: PostedMessage): string {
  const parts = (message.blocks ?? []).flatMap((block) => [
    block.text?.text ?? '',
    ...(block.elements ?? []).map((element) => element.text),
  ]);
  return parts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\*/g, '');
}

/** A slash command payload as Slack sends it (text entity-encoded), answering to its own response_url. */
function slashCommand(
  fake: FakeSlack,
  line: string,
  extra: Record<string, string> = {},
): { payload: Record<string, string>; id: string } {
  const id = `cmd-${++counter}`;
  const [command, ...rest] = line.split(' ');
  return {
    id,
    payload: {
      token: 'deprecated-verification-token',
      team_id: FAKE_TEAM,
      channel_id: 'C0BRIEFS',
      channel_name: 'briefings',
      user_id: 'U0ANALYST',
      user_name: 'analyst',
      command: command!,
      text: rest.join(' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      response_url: fake.responseUrl(id),
      trigger_id: `trigger-${id}`,
      api_app_id: 'A0APP',
      ...extra,
    },
  };
}

async function startAdapter(fake: FakeSlack, dataDir: string, mode: 'http' | 'socket'): Promise<SlackAdapter> {
  const { corpus } = await openCorpus(dataDir);
  const config: SlackConfig = {
    botToken: FAKE_BOT_TOKEN,
    signingSecret: mode === 'http' ? FAKE_SIGNING_SECRET : undefined,
    appToken: mode === 'socket' ? FAKE_APP_TOKEN : undefined,
    port: 0,
    apiUrl: fake.apiUrl,
    adminUserIds: ['U0ADMIN'],
  };
  const adapter = new SlackAdapter({
    config,
    context: { corpus, commands },
    log,
    respondRetry: { firstDelayMs: 50 },
    botId: FAKE_BOT_ID,
    botUserId: FAKE_BOT_USER,
    host: '127.0.0.1',
  });
  await adapter.start();
  return adapter;
}

describe('Slack adapter in HTTP mode against a fake Slack', () => {
  const fake = new FakeSlack();
  let adapter: SlackAdapter;
  let endpoint: string;

  beforeAll(async () => {
    await fake.start();
    const folder = dataFolder({
      'pings.md':
        '---\ntitle: Channel etiquette\n---\n\nThe moderators wrote <!channel> and <@U0123ABC> to announce the grain corridor reopening & more.',
      'chronicle.md': chronicleDocument(300),
      'sprawl.md': `---\ntitle: ${'A very long title '.repeat(20)}\n---\n\nThe sprawling statute on Veridian fisheries quotas ${'and its many amended annexes on seasonal catch limits '.repeat(90)}was adopted.`,
    });
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    adapter = await startAdapter(fake, folder, 'http');
    endpoint = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it('GIVEN /ask what is the NATO condition THEN the cited sentence is posted in the channel with its citation and bold terms', async () => {
    const { payload } = slashCommand(fake, '/ask what is the NATO condition');
    const before = fake.messages.length;
    const response = await signedPost(endpoint, payload);
    expect(response.status).toBe(200);
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    expect(message.response_type).toBe('in_channel');
    const section = message.blocks?.find((block) => block.type === 'section')?.text?.text ?? '';
    expect(section).toMatch(/^>According to NBC News, there is a possibility/);
    expect(section).toContain('*NATO*');
    expect(section).toContain(
      '_Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement ¶4_ · according to NBC News',
    );
    expect(blockProblems(message.blocks, message.text)).toEqual([]);
  });

  it('GIVEN a snippet holding <!channel> and a user mention THEN they are escaped and ping nobody', async () => {
    const { payload } = slashCommand(fake, '/ask grain corridor reopening');
    const before = fake.messages.length;
    await signedPost(endpoint, payload);
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    const raw = JSON.stringify(message.blocks) + (message.text ?? '');
    expect(raw).toContain('&lt;!channel&gt; and &lt;@U0123ABC&gt;');
    expect(raw).not.toMatch(/<!channel>|<@U0123ABC>/);
    expect(shown(message)).toContain('<!channel> and <@U0123ABC> to announce the grain corridor reopening & more.');
  });

  it('GIVEN a very long timeline THEN the message stays within Block Kit limits and says how to narrow it', async () => {
    const { payload } = slashCommand(fake, '/timeline Veridia council session');
    const before = fake.messages.length;
    await signedPost(endpoint, payload);
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    expect(blockProblems(message.blocks, message.text)).toEqual([]);
    expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
    expect(shown(message)).toMatch(/\d+ more; narrow with from:\/to: or limit:\./);
  });

  it('GIVEN a long /timeline asked by mention in a thread THEN chat.postMessage stays under the block text cap with the "more" note', async () => {
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> /timeline Veridia council session`,
      ts: '1700000900.000100',
      thread_ts: '1700000800.000100',
      channel: 'C0BRIEFS',
      event_ts: '1700000900.000100',
    };
    await signedPost(endpoint, eventEnvelope('Ev0LONGTIMELINE', event), { json: true });
    const message = await fake.waitForMessage(
      (m) => fake.messages.indexOf(m) >= before && m.via === 'chat.postMessage',
    );
    expect(message.thread_ts).toBe('1700000800.000100');
    expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
    expect(shown(message)).toMatch(/\d+ more; narrow with from:\/to: or limit:\./);
  });

  it('GIVEN the response_url fails twice with 503 THEN the answer is posted again with backoff and arrives', async () => {
    fake.responseUrlFailures.push(503, 503);
    const { payload, id } = slashCommand(fake, '/ask what is the NATO condition');
    await signedPost(endpoint, payload);
    const message = await fake.waitForMessage((m) => m.responseId === id);
    expect(shown(message)).toContain('instant entry');
    expect(fake.responseUrlFailures).toEqual([]);
  });

  it('GIVEN a request stamped a day in the future THEN it is refused with 401 and nothing is posted', async () => {
    const { payload } = slashCommand(fake, '/ask what is the NATO condition');
    const before = fake.messages.length;
    const response = await signedPost(endpoint, payload, { timestamp: Math.floor(Date.now() / 1000) + 24 * 3600 });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.messages.length).toBe(before);
  });

  it('GIVEN a request stamped one minute ahead (clock skew) THEN it is still answered', async () => {
    const { payload, id } = slashCommand(fake, '/ask what is the NATO condition');
    const response = await signedPost(endpoint, payload, { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(response.status).toBe(200);
    expect(shown(await fake.waitForMessage((m) => m.responseId === id))).toContain('instant entry');
  });

  it('GIVEN an answer whose sentence and question exceed Block Kit limits THEN it is cut cleanly and accepted', async () => {
    const { payload } = slashCommand(fake, `/ask Veridian fisheries quotas statute ${'please '.repeat(40)}`);
    const before = fake.messages.length;
    await signedPost(endpoint, payload);
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    expect(blockProblems(message.blocks, message.text)).toEqual([]);
    expect(shown(message)).toContain('The sprawling statute on Veridian fisheries quotas');
  });

  it('GIVEN a bad signature THEN Bolt answers 401 and nothing is posted', async () => {
    const { payload } = slashCommand(fake, '/ask what is the NATO condition');
    const before = fake.messages.length;
    const response = await signedPost(endpoint, payload, { secret: '0000000000000000000000000000beef' });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.messages.length).toBe(before);
  });

  it('GIVEN a request signed 6 minutes ago THEN it is rejected with 401 and nothing is posted', async () => {
    const { payload } = slashCommand(fake, '/ask what is the NATO condition');
    const before = fake.messages.length;
    const response = await signedPost(endpoint, payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.messages.length).toBe(before);
  });

  it('GIVEN an @mention in a thread THEN the answer is posted in that thread', async () => {
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> what is the NATO condition`,
      ts: '1700000100.000200',
      thread_ts: '1700000000.000100',
      channel: 'C0BRIEFS',
      event_ts: '1700000100.000200',
    };
    const response = await signedPost(endpoint, eventEnvelope('Ev0MENTION1', event), { json: true });
    expect(response.status).toBe(200);
    const message = await fake.waitForMessage(
      (m) => fake.messages.indexOf(m) >= before && m.via === 'chat.postMessage',
    );
    expect(message).toMatchObject({ channel: 'C0BRIEFS', thread_ts: '1700000000.000100' });
    expect(shown(message)).toContain('instant entry to the North Atlantic Treaty Organization');
  });

  it('GIVEN Slack retries an event (X-Slack-Retry-Num) THEN there is one answer, not two', async () => {
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> bargaining chip`,
      ts: '1700000200.000300',
      channel: 'C0BRIEFS',
      event_ts: '1700000200.000300',
    };
    const body = eventEnvelope('Ev0RETRY1', event);
    await signedPost(endpoint, body, { json: true });
    await signedPost(endpoint, body, { json: true, retryNum: 1 });
    await signedPost(endpoint, body, { json: true, retryNum: 2 });
    await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'chat.postMessage');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = fake.messages.slice(before).filter((m) => m.via === 'chat.postMessage');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.thread_ts).toBe('1700000200.000300');
  });

  it('GIVEN Slack answers chat.postMessage with 429 and Retry-After THEN the bot waits it out and answers once', async () => {
    fake.rateLimitNext('chat.postMessage', 1);
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> What does Article 5 say?`,
      ts: '1700000300.000400',
      channel: 'C0BRIEFS',
      event_ts: '1700000300.000400',
    };
    await signedPost(endpoint, eventEnvelope('Ev0LIMITED', event), { json: true });
    const message = await fake.waitForMessage(
      (m) => fake.messages.indexOf(m) >= before && m.via === 'chat.postMessage',
    );
    expect(shown(message)).toContain('an attack on one member is considered an attack on all');
    expect(fake.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 429)).toHaveLength(1);
    expect(fake.messages.slice(before).filter((m) => m.via === 'chat.postMessage')).toHaveLength(1);
  });

  it('GIVEN /timeline THEN the timeline PNG is uploaded (URL, bytes, complete, in that order) and shared in the channel above the list', async () => {
    const { payload } = slashCommand(fake, '/timeline third anniversary');
    const before = fake.messages.length;
    const callsBefore = fake.calls.length;
    await signedPost(endpoint, payload);
    const list = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    const picture = fake.messages.slice(before).find((m) => m.via === 'files.completeUploadExternal');
    expect(picture).toMatchObject({ channel: 'C0BRIEFS' });
    expect(fake.messages.indexOf(picture!)).toBeLessThan(fake.messages.indexOf(list));
    const [file] = picture!.files!;
    expect(file).toMatchObject({ filename: 'timeline.png', title: 'Timeline' });
    expect(PNG.sync.read(file!.bytes).width).toBeGreaterThan(800);
    const flow = fake.calls
      .slice(callsBefore)
      .map((call) => call.method)
      .filter((method) => /^files\.|^upload$/.test(method));
    expect(flow).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(fake.uploadErrors).toEqual([]);
    expect(shown(list)).toContain('third anniversary');
  });

  it('GIVEN /timeline asked by mention in a thread THEN the picture is shared in that thread', async () => {
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> /timeline third anniversary`,
      ts: '1700000500.000600',
      thread_ts: '1700000100.000100',
      channel: 'C0BRIEFS',
      event_ts: '1700000500.000600',
    };
    await signedPost(endpoint, eventEnvelope('Ev0PICTURE', event), { json: true });
    await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'chat.postMessage');
    const picture = fake.messages.slice(before).find((m) => m.via === 'files.completeUploadExternal');
    expect(picture).toMatchObject({ channel: 'C0BRIEFS', thread_ts: '1700000100.000100' });
  });

  it('GIVEN uploaded bytes that do not match the declared length, or a completion before the upload THEN the fake Slack refuses them', async () => {
    const call = async (method: string, params: Record<string, string>): Promise<Record<string, unknown>> => {
      const response = await fetch(`${fake.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const announced = await call('files.getUploadURLExternal', { filename: 'x.png', length: '10' });
    expect(announced.ok).toBe(true);
    const early = await call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: announced.file_id }]),
      channel_id: 'C0BRIEFS',
    });
    expect(early).toMatchObject({ ok: false, error: 'file_not_found' });
    const short = await fetch(String(announced.upload_url), { method: 'POST', body: new Uint8Array(9) });
    expect(short.status).toBe(400);
    expect(fake.uploadErrors.at(-1)).toMatch(/9 bytes, 10 were declared/);
    fake.uploadErrors.length = 0;
  });

  it('GIVEN a mention with an invalid question THEN the error goes to the asker only, in the thread', async () => {
    const before = fake.messages.length;
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> /timeline from:soon`,
      ts: '1700000400.000500',
      channel: 'C0BRIEFS',
      event_ts: '1700000400.000500',
    };
    await signedPost(endpoint, eventEnvelope('Ev0BADMENTION', event), { json: true });
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via !== 'response_url');
    expect(message.via).toBe('chat.postEphemeral');
    expect(shown(message)).toMatch(/from must be a date like/);
  });
});

describe('the shared scenarios through Slack, on the bundled article', () => {
  const fake = new FakeSlack();
  let adapter: SlackAdapter;

  beforeAll(async () => {
    await fake.start();
    adapter = await startAdapter(fake, BUNDLED_DATA_DIR, 'http');
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    'GIVEN %s THEN Slack shows what every channel shows',
    async (_, scenario) => {
      const { payload } = slashCommand(fake, typedLine(scenario));
      const before = fake.messages.length;
      const response = await signedPost(`http://127.0.0.1:${adapter.port}/slack/events`, payload);
      expect(response.status).toBe(200);
      const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
      const text = shown(message);
      if (scenario.expect.kind === 'answer') {
        expect(text).toContain(scenario.expect.contains);
        expect(message.response_type).toBe('in_channel');
      }
      if (scenario.expect.kind === 'nothing')
        expect(text.trim().split('\n').filter(Boolean)).toEqual([NOTHING_FOUND, scenario.expect.hint]);
      if (scenario.expect.kind === 'error') {
        expect(text).toMatch(scenario.expect.matches);
        expect(message.response_type).toBe('ephemeral');
      }
    },
  );
});

describe('Slack adapter in Socket Mode', () => {
  const fake = new FakeSlack();
  let adapter: SlackAdapter;

  beforeAll(async () => {
    await fake.start();
    const opened = new Promise((resolve) => fake.once('socket-open', resolve));
    adapter = await startAdapter(fake, BUNDLED_DATA_DIR, 'socket');
    await opened;
  });

  afterAll(async () => {
    const closed = new Promise((resolve) => fake.once('socket-closed', resolve));
    await adapter.stop();
    await closed;
    await fake.stop();
  });

  it('GIVEN a slash command over the socket THEN it is acknowledged and answered in the channel', async () => {
    const { payload } = slashCommand(fake, '/ask who is Keith Kellogg?');
    const before = fake.messages.length;
    const ack = await fake.sendSlashCommandOverSocket(payload);
    expect(ack).toMatchObject({ envelope_id: expect.any(String) });
    const message = await fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
    expect(message.response_type).toBe('in_channel');
    expect(shown(message)).toContain('Keith Kellogg');
  });
});
