/**
 * Two Slack replicas behind one load balancer, sharing one state store: a delivery and its retries
 * reaching different replicas are answered once. The same replicas serve /healthz and /readyz on
 * Bolt's HTTP port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { healthRoutes, type Readiness } from '../../src/health.js';
import { createLogger } from '../../src/logger.js';
import type { StateStore } from '../../src/store/state-store.js';
import {
  eventEnvelope,
  FAKE_BOT_ID,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_SIGNING_SECRET,
  FAKE_TEAM,
  FakeSlack,
  signedPost,
} from '../fakes/fake-slack.js';
import { engines } from '../store/engines.js';

const log = createLogger('silent');

describe.each(await engines())('two Slack replicas on one $name state store', (engine) => {
  const fake = new FakeSlack();
  const stores: StateStore[] = [];
  const replicas: SlackAdapter[] = [];
  let readiness: Readiness = { ready: true, checks: { state: 'answering' } };
  const endpoint = (n: number): string => `http://127.0.0.1:${replicas[n]!.port}/slack/events`;

  beforeAll(async () => {
    await fake.start();
    const { corpus } = await openCorpus(BUNDLED_DATA_DIR);
    const place = await engine.place();
    for (let n = 0; n < 2; n++) {
      const store = await engine.open(place);
      stores.push(store);
      const adapter = new SlackAdapter({
        config: {
          botToken: FAKE_BOT_TOKEN,
          signingSecret: FAKE_SIGNING_SECRET,
          appToken: undefined,
          port: 0,
          apiUrl: fake.apiUrl,
          adminUserIds: [],
        },
        context: { corpus, commands },
        log,
        botId: FAKE_BOT_ID,
        botUserId: FAKE_BOT_USER,
        host: '127.0.0.1',
        firstDelivery: (id) => store.firstDelivery(`slack:${id}`, new Date()),
        routes: healthRoutes(async () => readiness),
      });
      await adapter.start();
      replicas.push(adapter);
    }
  });

  afterAll(async () => {
    for (const adapter of replicas) await adapter.stop();
    for (const store of stores) await store.close();
    await fake.stop();
  });

  it('GIVEN an event delivered to one replica and its retries to the other THEN it is answered once', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${FAKE_BOT_USER}> bargaining chip`,
      ts: '1700000300.000300',
      channel: 'C0BRIEFS',
      event_ts: '1700000300.000300',
    };
    const body = eventEnvelope(`Ev0REPLICA${engine.name}`, event);
    const responses = await Promise.all([
      signedPost(endpoint(0), body, { json: true }),
      signedPost(endpoint(1), body, { json: true, retryNum: 1 }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await signedPost(endpoint(1), body, { json: true, retryNum: 2 });
    await fake.waitForMessage((m) => m.via === 'chat.postMessage' && m.thread_ts === event.ts);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = fake.messages.filter((m) => m.via === 'chat.postMessage' && m.thread_ts === event.ts);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toMatch(/bargaining chip/i);
  });

  it('GIVEN one slash command (one trigger id) reaching both replicas THEN one answer', async () => {
    const id = `twice-${engine.name}`;
    const payload = {
      team_id: FAKE_TEAM,
      channel_id: 'C0BRIEFS',
      user_id: 'U0ANALYST',
      command: '/ask',
      text: 'bargaining chip',
      response_url: fake.responseUrl(id),
      trigger_id: `trigger-${id}`,
      api_app_id: 'A0APP',
    };
    await Promise.all([signedPost(endpoint(0), payload), signedPost(endpoint(1), payload)]);
    await fake.waitForMessage((m) => m.responseId === id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.messages.filter((m) => m.responseId === id)).toHaveLength(1);
  });

  it('GIVEN /healthz and /readyz on the Slack port THEN live is 200; ready follows the checks (503 when not ready)', async () => {
    const base = `http://127.0.0.1:${replicas[0]!.port}`;
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { state: 'answering' } });
    readiness = { ready: false, checks: { state: 'the database cannot be used' } };
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ready: false, checks: { state: 'the database cannot be used' } });
    readiness = { ready: true, checks: { state: 'answering' } };
  });
});
