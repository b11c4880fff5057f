/**
 * Nothing in the background takes the bot down: with a damaged state file, a document whose
 * dating throws during the warm-up, and a folder-watcher callback that throws, the bot started as
 * `npm start` starts it (createApp + servePlatforms) logs each failure and keeps answering /ask and
 * /timeline through the fake Discord, while /digest says what is wrong with the state file.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, STATE_FILE, type App } from '../src/app.js';
import { BUNDLED_DATA_DIR, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { servePlatforms, type ServedPlatforms } from '../src/serve-platforms.js';
import { FAKE_APPLICATION_ID, FAKE_TOKEN, FakeDiscord, type VisibleAnswer } from './fakes/fake-discord.js';
import { visibleText } from './scenarios.js';
import { writeDamagedStateFile } from './helpers.js';

const shown = (answer: VisibleAnswer): string =>
  visibleText(
    [
      answer.message.content ?? '',
      ...(answer.message.embeds ?? []).map((embed) => `${embed.title ?? ''}\n${embed.description ?? ''}`),
    ].join('\n'),
  );

describe('background failures', () => {
  const fake = new FakeDiscord();
  const chunks: string[] = [];
  const logs = (): string => chunks.join('');
  let root: string;
  let dataDir: string;
  let stateFile: string;
  let damaged: Buffer;
  let app: App;
  let served: ServedPlatforms;

  beforeAll(async () => {
    await fake.start();
    // Folders that live as long as the bot (the helpers' folders go after each test).
    root = mkdtempSync(join(tmpdir(), 'briefbot-background-'));
    dataDir = join(root, 'data');
    const stateDir = join(root, 'state');
    mkdirSync(dataDir);
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(dataDir, 'ukraine-nato-deal.md'));
    stateFile = join(stateDir, STATE_FILE);
    // A state file with subscriptions, then a damaged page.
    damaged = await writeDamagedStateFile(stateFile);

    const config: Config = {
      dataDir,
      stateDir,
      databaseUrl: undefined,
      port: undefined,
      logLevel: 'info',
      discord: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: fake.apiUrl },
      slack: undefined,
    };
    const log = createLogger('info', { write: (line: string) => void chunks.push(line) });
    app = await createApp({ config, log, platforms: ['discord'] });
    // The warm-up's dating of the article throws once; a bug in recording arrivals throws always.
    const datedMentions = app.corpus.datedMentions.bind(app.corpus);
    let thrown = false;
    app.corpus.datedMentions = (documentId) => {
      if (!thrown) {
        thrown = true;
        throw new Error('dating exploded');
      }
      return datedMentions(documentId);
    };
    app.arrivals!.record = () => {
      throw new Error('recording exploded');
    };
    served = await servePlatforms(config, app, log);
  }, 30_000);

  afterAll(async () => {
    await served.stop();
    await fake.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN a damaged state file THEN start-up says what is wrong and how to fix it, and the file is left as it was', () => {
    expect(logs()).toMatch(
      /Digests are unavailable: the state file .*briefbot\.sqlite is damaged.*Restore it from a backup/,
    );
    expect(readFileSync(stateFile).equals(damaged)).toBe(true);
  });

  it('GIVEN the warm-up throwing on a document THEN it is logged and /ask and /timeline still answer', async () => {
    await expect.poll(logs, { timeout: 10_000 }).toMatch(/dating a document failed/);
    const asked = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'what is the NATO condition' } }),
    );
    expect(shown(asked)).toContain('instant entry to the North Atlantic Treaty Organization');
    const timeline = await fake.answerTo(fake.sendInteraction({ name: 'timeline', options: { limit: 3 } }));
    expect(shown(timeline)).toContain('February 2025');
  });

  it('GIVEN the scheduler meeting the damaged state THEN it logs and the bot goes on; /digest tells the channel what is wrong', async () => {
    await expect
      .poll(logs, { timeout: 10_000 })
      .toMatch(/scheduled digests wait for the state file. Digests are unavailable: the state file .* is damaged/);
    const status = await fake.answerTo(fake.sendInteraction({ name: 'digest', options: { action: 'status' } }));
    expect(shown(status)).toMatch(/Digests are unavailable: the state file .* is damaged/);
    expect(status.ephemeral).toBe(true);
  });

  it('GIVEN a new document while recording arrivals throws THEN the failure is logged and the document is still indexed and answered', async () => {
    writeFileSync(
      join(dataDir, 'grain.md'),
      '---\ntitle: Grain corridor\n---\n\nThe Black Sea grain corridor reopened on March 28, 2025 after talks in Istanbul.',
    );
    await expect.poll(logs, { timeout: 10_000 }).toMatch(/recording a document change failed/);
    const asked = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'grain corridor Istanbul' } }),
    );
    expect(shown(asked)).toContain('The Black Sea grain corridor reopened');
  });
});
