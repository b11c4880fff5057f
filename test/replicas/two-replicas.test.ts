/**
 * Two replicas (`npm start` processes) on one PostgreSQL, with the Slack and Discord fakes: a Slack
 * event and its retry reaching both are answered once, a Discord interaction both sessions receive
 * is answered once, a document added through one replica's folder is answered by the other, a
 * digest falls due and is posted once, and when the replica posting a digest is killed (SIGKILL)
 * mid-post, the survivor completes it, exactly once.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { FAKE_APPLICATION_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import {
  eventEnvelope,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_SIGNING_SECRET,
  FAKE_TEAM,
  FakeSlack,
  type PostedMessage,
  signedPost,
} from '../fakes/fake-slack.js';
import { freshSchemaUrl, postgresAvailable } from '../store/engines.js';
import { freePort, Replica } from './replica-process.js';

const available = await postgresAvailable();
const ADMIN = 'U0ADMIN';
const FERRY =
  '---\ntitle: Ferry resumes\n---\n\nThe Zaporizhzhia river ferry to Nikopol resumed service on 3 March 2025 after two years.';

/** The text a Slack user sees in a message. */
const shown = (message: PostedMessage): string =>
  [
    message.text ?? '',
    ...(message.blocks ?? []).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((e) => e.text),
    ]),
  ].join('\n');

describe.skipIf(!available)('two replicas on one PostgreSQL', { timeout: 240_000 }, () => {
  const slack = new FakeSlack();
  const discord = new FakeDiscord();
  const replicas: Replica[] = [];
  const folders: string[] = [];
  let url: string;
  let root: string;
  let commandCount = 0;

  const port = (replica: Replica): number => Number(replica.name.split(':')[1]);
  const endpoint = (replica: Replica): string => `http://127.0.0.1:${port(replica)}/slack/events`;

  /** A slash command through one replica; resolves with what the asker sees. */
  async function command(replica: Replica, line: string, channel = 'C0BRIEFS'): Promise<PostedMessage> {
    const id = `e2e-${++commandCount}`;
    const [name, ...rest] = line.split(' ');
    const response = await signedPost(endpoint(replica), {
      team_id: FAKE_TEAM,
      channel_id: channel,
      user_id: ADMIN,
      command: name!,
      text: rest.join(' '),
      response_url: slack.responseUrl(id),
      trigger_id: `trigger-${id}`,
      api_app_id: 'A0APP',
    });
    expect(response.status).toBe(200);
    return slack.waitForMessage((message) => message.responseId === id, 20_000);
  }

  const digestsIn = (channel: string): PostedMessage[] =>
    slack.messages.filter((message) => message.via === 'chat.postMessage' && message.channel === channel);

  beforeAll(async () => {
    await slack.start();
    await discord.start();
    url = await freshSchemaUrl();
    root = mkdtempSync(join(tmpdir(), 'briefbot-replicas-'));
    for (const name of ['a', 'b']) {
      const data = join(root, name, 'data');
      mkdirSync(data, { recursive: true });
      cpSync(BUNDLED_DATA_DIR, data, { recursive: true });
      folders.push(data);
      const httpPort = await freePort();
      replicas.push(
        new Replica(`${name}:${httpPort}`, {
          DATABASE_URL: url,
          DATA_DIR: data,
          STATE_DIR: join(root, name, 'state'),
          PORT: String(httpPort),
          SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
          SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          SLACK_ADMIN_USER_IDS: ADMIN,
          DISCORD_TOKEN: FAKE_TOKEN,
          DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
          DISCORD_API_URL: discord.apiUrl,
          DIGEST_CHECK_SECONDS: '2',
          DIGEST_STALE_SECONDS: '8',
        }),
      );
    }
    for (const replica of replicas) {
      await vi.waitFor(() => expect(replica.logs).toContain('briefbot running'), { timeout: 60_000, interval: 200 });
    }
  }, 90_000);

  afterAll(async () => {
    for (const replica of replicas) replica.kill('SIGKILL');
    await Promise.all(replicas.map((replica) => replica.exited));
    await slack.stop();
    await discord.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('GIVEN both replicas up THEN each is ready, on the same corpus version', async () => {
    const corpora: string[] = [];
    for (const replica of replicas) {
      const ready = await fetch(`http://127.0.0.1:${port(replica)}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { checks: { corpus: string } };
      expect(body).toMatchObject({ ready: true, checks: { state: 'postgres answering', platforms: 'connected' } });
      corpora.push(body.checks.corpus);
    }
    expect(corpora[0]).toMatch(/^\d+ documents, version [0-9a-f]{8}$/);
    expect(corpora[1]).toBe(corpora[0]);
  });

  it('GIVEN one Slack event sent to both replicas, the second with retry headers THEN it is answered once', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> bargaining chip`,
      ts: '1700000400.000100',
      channel: 'C0BRIEFS',
      event_ts: '1700000400.000100',
    };
    const body = eventEnvelope('Ev0TWOREPLICAS', event);
    await signedPost(endpoint(replicas[0]!), body, { json: true });
    await signedPost(endpoint(replicas[1]!), body, { json: true, retryNum: 1 });
    await slack.waitForMessage((m) => m.via === 'chat.postMessage' && m.thread_ts === event.ts, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(slack.messages.filter((m) => m.via === 'chat.postMessage' && m.thread_ts === event.ts)).toHaveLength(1);
  });

  it('GIVEN a Discord interaction both replicas receive THEN one of them answers it, once', async () => {
    const id = discord.sendInteraction({ name: 'ask', options: { question: 'bargaining chip' } });
    const answer = await discord.answerTo(id, 20_000);
    expect(JSON.stringify(answer.message)).toContain('bargaining chip');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(discord.errorsFor(id)).toEqual([]);
    const answered = replicas.flatMap((replica) =>
      replica.entries(/interaction answered/).filter((entry) => entry.interaction === id),
    );
    expect(answered).toHaveLength(1);
  });

  it('GIVEN a document added through one replica’s folder THEN the other answers it, both on one corpus version', async () => {
    const [a, b] = replicas as [Replica, Replica];
    writeFileSync(join(folders[0]!, 'ferry.md'), FERRY);
    await expect
      .poll(async () => shown(await command(b, '/ask when did the Zaporizhzhia ferry to Nikopol resume')), {
        timeout: 20_000,
        interval: 1_000,
      })
      .toContain('resumed service on 3 March 2025');
    expect(shown(await command(a, '/ask when did the Zaporizhzhia ferry to Nikopol resume'))).toContain(
      'resumed service on 3 March 2025',
    );
    const versionOf = (message: PostedMessage): string | undefined => /corpus ([0-9a-f]{8})/.exec(shown(message))?.[1];
    const [fromA, fromB] = [versionOf(await command(a, '/sources')), versionOf(await command(b, '/sources'))];
    expect(fromA).toMatch(/^[0-9a-f]{8}$/);
    expect(fromB).toBe(fromA);
  });

  it('GIVEN digests falling due on both replicas THEN each channel gets one; killed mid-post, the survivor completes it once', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const now = new Date();
    const due = new Date(now.getTime() + (now.getUTCSeconds() < 40 ? 60_000 : 120_000));
    const time = due.toISOString().slice(11, 16);
    expect(shown(await command(a, `/digest subscribe time:${time} timezone:UTC`, 'C0DIGEST1'))).toContain('Subscribed');
    expect(shown(await command(b, `/digest subscribe time:${time} timezone:UTC`, 'C0DIGEST2'))).toContain('Subscribed');
    // The second channel's post hangs at the platform: whoever holds its reservation is killed then.
    slack.holdNextPostTo.add('C0DIGEST2');
    await expect.poll(() => digestsIn('C0DIGEST1').length, { timeout: 150_000, interval: 500 }).toBe(1);
    await expect.poll(() => slack.heldPosts.length, { timeout: 30_000, interval: 200 }).toBe(1);
    const holder = replicas.find((replica) =>
      replica.entries(/digest reserved; posting/).some((entry) => entry.channel === 'slack:C0DIGEST2'),
    )!;
    expect(holder).toBeDefined();
    holder.kill('SIGKILL');
    expect(await holder.exited).toBe(null);
    const survivor = holder === a ? b : a;
    await expect.poll(() => digestsIn('C0DIGEST2').length, { timeout: 60_000, interval: 500 }).toBe(1);
    expect(slack.heldPosts[0]!.abandoned).toBe(true);
    expect(
      survivor
        .entries(/digest reserved; posting/)
        .some((entry) => entry.channel === 'slack:C0DIGEST2' && entry.reservation === 'stale'),
    ).toBe(true);
    // Several more checks go by: still one digest per channel, and the ledger says posted once each.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(digestsIn('C0DIGEST1')).toHaveLength(1);
    expect(digestsIn('C0DIGEST2')).toHaveLength(1);
    expect(shown(digestsIn('C0DIGEST2')[0]!)).toContain(`briefbot digest ${due.toISOString().slice(0, 10)}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT key, state FROM digest_ledger WHERE key LIKE 'slack:C0DIGEST%' ORDER BY key",
    );
    await client.end();
    expect(rows).toEqual([
      { key: 'slack:C0DIGEST1', state: 'posted' },
      { key: 'slack:C0DIGEST2', state: 'posted' },
    ]);
    // The survivor stops cleanly on SIGTERM.
    survivor.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  });
});
