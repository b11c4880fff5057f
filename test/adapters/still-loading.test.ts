/**
 * A large corpus takes a while to build or load, so the platforms connect first: a command sent
 * meanwhile is answered at once (within Discord's 3 s, after Slack's ack) with how far loading is,
 * and once the documents are there the same command gets its answer. Driven as `npm start` drives
 * it (startApp + servePlatforms) against the fake Discord and Slack, the opening of the documents
 * paced by the test; and the real opening of a folder gives the event loop turns while it works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { type App, startApp } from '../../src/app.js';
import { BUNDLED_DATA_DIR, type Config } from '../../src/config.js';
import type { Corpus } from '../../src/core/corpus.js';
import { type OpenProgress, openCorpus } from '../../src/core/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { type ServedPlatforms, servePlatforms } from '../../src/serve-platforms.js';
import { FAKE_APPLICATION_ID, FAKE_TOKEN, FakeDiscord, type VisibleAnswer } from '../fakes/fake-discord.js';
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FAKE_TEAM, FakeSlack, signedPost } from '../fakes/fake-slack.js';
import { dataFolder } from '../helpers.js';
import { visibleText } from '../scenarios.js';

const log = createLogger('silent');
const QUESTION = 'what is the NATO condition';

const discordText = (answer: VisibleAnswer): string =>
  visibleText(
    [answer.message.content ?? '', ...(answer.message.embeds ?? []).map((embed) => embed.description ?? '')].join('\n'),
  );

describe('commands while the documents still load', () => {
  const discord = new FakeDiscord();
  const slack = new FakeSlack();
  let root: string;
  let app: App;
  let served: ServedPlatforms;
  let report: (progress: OpenProgress) => void = () => undefined;
  let release: () => void = () => undefined;
  let counter = 0;

  beforeAll(async () => {
    await Promise.all([discord.start(), slack.start()]);
    root = mkdtempSync(join(tmpdir(), 'briefbot-loading-'));
    const config: Config = {
      dataDir: BUNDLED_DATA_DIR,
      stateDir: join(root, 'state'),
      databaseUrl: undefined,
      port: undefined,
      logLevel: 'silent',
      discord: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: discord.apiUrl },
      slack: {
        botToken: FAKE_BOT_TOKEN,
        signingSecret: FAKE_SIGNING_SECRET,
        appToken: undefined,
        port: 0,
        apiUrl: slack.apiUrl,
        adminUserIds: [],
      },
    };
    // The documents open when the test lets them, reporting progress as openCorpus does.
    const opened = openCorpus(BUNDLED_DATA_DIR).then(({ corpus }) => corpus);
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const openDocuments = async (onProgress: (progress: OpenProgress) => void): Promise<Corpus> => {
      report = onProgress;
      await gate;
      return opened;
    };
    app = await startApp({ config, log, platforms: ['discord', 'slack'], openDocuments });
    served = await servePlatforms(config, app, log);
  }, 60_000);

  afterAll(async () => {
    release();
    await served?.stop();
    await Promise.all([discord.stop(), slack.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  async function slash(text: string): Promise<string> {
    const id = `loading-${++counter}`;
    const port = (served.adapters.find((adapter) => adapter.platform === 'slack') as SlackAdapter).port!;
    const payload = {
      team_id: FAKE_TEAM,
      channel_id: 'C0BRIEFS',
      user_id: 'U0ANALYST',
      command: '/ask',
      text,
      response_url: slack.responseUrl(id),
      trigger_id: `trigger-${id}`,
      api_app_id: 'A0APP',
    };
    const started = performance.now();
    const response = await signedPost(`http://127.0.0.1:${port}/slack/events`, payload);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3_000); // Slack's acknowledgement deadline
    const message = await slack.waitForMessage((posted) => posted.responseId === id);
    return JSON.stringify(message);
  }

  it('GIVEN the documents still loading THEN Discord and Slack answer at once how far loading is, and the real answer once loaded', async () => {
    report({ phase: 'reading', done: 4_000, total: 10_000 });
    const early = discord.sendInteraction({ name: 'ask', options: { question: QUESTION } });
    expect(await discord.firstResponseTo(early)).toBeLessThan(3_000);
    expect(discordText(await discord.answerTo(early))).toMatch(/Still loading 4,000 of 10,000 documents \(read\)/);
    expect(await slash(QUESTION)).toMatch(/Still loading 4,000 of 10,000 documents \(read\)/);
    expect((await served.readiness()).ready).toBe(false);

    // /help needs no documents: it answers while they load.
    const help = discord.sendInteraction({ name: 'help' });
    expect(discordText(await discord.answerTo(help))).not.toMatch(/Still loading/);

    report({ phase: 'indexing', done: 9_000, total: 10_000 });
    const later = discord.sendInteraction({ name: 'timeline' });
    expect(discordText(await discord.answerTo(later))).toMatch(/Still loading 9,000 of 10,000 documents \(indexed\)/);

    release();
    await served.loaded;
    expect((await served.readiness()).ready).toBe(true);
    const answered = discord.sendInteraction({ name: 'ask', options: { question: QUESTION } });
    const text = discordText(await discord.answerTo(answered));
    expect(text).not.toMatch(/Still loading/);
    expect(text).toMatch(/North Atlantic Treaty Organization/);
    const slackAnswer = await slash(QUESTION);
    expect(slackAnswer).not.toMatch(/Still loading/);
    expect(slackAnswer).toMatch(/North Atlantic Treaty Organization/);
  }, 60_000);
});

describe('opening a folder', () => {
  it('GIVEN hundreds of documents to read and index THEN the event loop gets turns meanwhile (the platforms can answer)', async () => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 400; d++)
      files[`doc-${d}.md`] =
        `---\ntitle: Report ${d}\n---\n\n${Array.from({ length: 30 }, (_, i) => `The council of district ${d} approved budget line ${i} for the harbour on March ${1 + (i % 28)}, 2025.`).join(' ')}`;
    const folder = dataFolder(files);
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    const phases = new Set<string>();
    let indexingFrom: number | undefined;
    let indexingTo: number | undefined;
    let opened = 0;
    const state = mkdtempSync(join(tmpdir(), 'briefbot-loading-state-'));
    try {
      // With a state folder: the new snapshot is saved before the corpus is served.
      const { snapshot } = await openCorpus(folder, {
        stateDir: state,
        onProgress: ({ phase, done, total }) => {
          phases.add(phase);
          if (phase === 'indexing') {
            indexingFrom ??= turns;
            if (done === total) indexingTo = turns;
          }
        },
      });
      opened = turns;
      expect(snapshot?.savedBytes).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
      rmSync(state, { recursive: true, force: true });
    }
    expect([...phases]).toEqual(['snapshot', 'reading', 'indexing']); // none to load yet: a build
    // Timers ran while the claims were indexed, and while the snapshot was saved: a loop held for
    // the whole step would run none.
    expect(indexingTo! - indexingFrom!).toBeGreaterThan(0);
    expect(opened - indexingTo!).toBeGreaterThan(0);
  }, 60_000);
});
