/**
 * Many Slack workspaces: the OAuth install flow Bolt provides (/slack/install, /slack/oauth_redirect)
 * against the fake's oauth.v2.access stores the installation in the state store; requests from that
 * workspace are answered with that workspace's own token; uninstalling forgets its token and its
 * digest subscriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { stateInstallationStore } from '../../src/adapters/slack/installation-store.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { createDigestSubscriptions } from '../../src/digest/subscriptions.js';
import { createLogger } from '../../src/logger.js';
import type { StateStore } from '../../src/store/state-store.js';
import {
  eventEnvelope,
  FAKE_CHANNEL_CREATOR,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_SIGNING_SECRET,
  FakeSlack,
  signedPost,
} from '../fakes/fake-slack.js';
import { engines } from '../store/engines.js';

const log = createLogger('silent');
const TEAM = 'T0SECOND';
const TOKEN = 'xoxb-second-workspace-token';
const BOT_USER = 'U0BOTT0SECOND';

describe.each(await engines())('Slack OAuth install flow with installations in $name', (engine) => {
  const fake = new FakeSlack();
  let store: StateStore;
  let adapter: SlackAdapter;
  let base: string;

  beforeAll(async () => {
    await fake.start();
    const { corpus } = await openCorpus(BUNDLED_DATA_DIR);
    store = await engine.open(await engine.place());
    const digests = createDigestSubscriptions({ store, corpus, arrivedAt: () => undefined, platforms: ['slack'] });
    adapter = new SlackAdapter({
      config: {
        botToken: undefined,
        oauth: {
          clientId: FAKE_CLIENT_ID,
          clientSecret: FAKE_CLIENT_SECRET,
          stateSecret: 'a-state-secret-of-some-length',
        },
        signingSecret: FAKE_SIGNING_SECRET,
        appToken: undefined,
        port: 0,
        apiUrl: fake.apiUrl,
        adminUserIds: [],
      },
      context: { corpus, commands, digests },
      log,
      host: '127.0.0.1',
      installationStore: stateInstallationStore(store),
      uninstalled: async (workspaceId) => {
        await store.removeWorkspaceSubscriptions('slack', workspaceId);
      },
    });
    await adapter.start();
    base = `http://127.0.0.1:${adapter.port}`;
  });

  afterAll(async () => {
    await adapter.stop();
    await store.close();
    await fake.stop();
  });

  it('GIVEN a user installing the app THEN the installation is stored and that workspace is answered with its own token', async () => {
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const consent = new URL(install.headers.get('location')!);
    expect(consent.origin + consent.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(consent.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(consent.searchParams.get('scope')).toContain('chat:write');
    const state = consent.searchParams.get('state')!;
    const cookie = install.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; ');

    // The user approves; Slack sends them back with a code the bot exchanges at oauth.v2.access.
    fake.installCodes.set('code-approved', { teamId: TEAM, token: TOKEN, botUserId: BOT_USER });
    const redirect = await fetch(`${base}/slack/oauth_redirect?code=code-approved&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(200);
    expect(fake.calls.map((call) => call.method)).toContain('oauth.v2.access');
    const saved = JSON.parse((await store.installation(`team:${TEAM}`))!) as { bot: { token: string; userId: string } };
    expect(saved.bot).toMatchObject({ token: TOKEN, userId: BOT_USER });

    const event = {
      type: 'app_mention',
      user: 'U0ANALYST',
      text: `<@${BOT_USER}> bargaining chip`,
      ts: '1700000500.000100',
      channel: 'C0SECOND',
      event_ts: '1700000500.000100',
    };
    await signedPost(`${base}/slack/events`, { ...eventEnvelope('Ev0SECONDWS', event), team_id: TEAM }, { json: true });
    const answer = await fake.waitForMessage((m) => m.via === 'chat.postMessage' && m.channel === 'C0SECOND');
    expect(answer.token).toBe(TOKEN);
    expect(answer.text).toMatch(/bargaining chip/i);
  });

  it('GIVEN the workspace subscribed a channel and then uninstalled the app THEN its token and subscriptions are gone', async () => {
    const response = await signedPost(`${base}/slack/events`, {
      team_id: TEAM,
      channel_id: 'C0SECOND',
      user_id: FAKE_CHANNEL_CREATOR,
      command: '/digest',
      text: 'subscribe time:08:30 timezone:UTC',
      response_url: fake.responseUrl('oauth-subscribe'),
      trigger_id: 'trigger-oauth-subscribe',
      api_app_id: 'A0APP',
    });
    expect(response.status).toBe(200);
    const reply = await fake.waitForMessage((m) => m.responseId === 'oauth-subscribe');
    expect(reply.text).toMatch(/Subscribed/);
    expect(await store.subscription('slack:C0SECOND')).toMatchObject({ workspaceId: TEAM });

    const uninstalled = {
      ...eventEnvelope('Ev0UNINSTALL', { type: 'app_uninstalled', event_ts: '1700000600.000100' } as never),
      team_id: TEAM,
    };
    await signedPost(`${base}/slack/events`, uninstalled, { json: true });
    await expect.poll(() => store.installation(`team:${TEAM}`), { timeout: 5_000 }).toBeUndefined();
    await expect.poll(() => store.subscription('slack:C0SECOND'), { timeout: 5_000 }).toBeUndefined();
  });
});
