/**
 * The Discord adapter end to end: a real discord.js Client against the fake Discord on loopback,
 * which enforces Discord's rules. Assertions are what a user of the server would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../commands/command.js';
import { commands } from '../../commands/index.js';
import { discordCommandsOf } from '../../src/adapters/discord/command-data.js';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { registerCommands } from '../../src/adapters/discord/register.js';
import type { DiscordConfig } from '../../src/config.js';
import { NOTHING_FOUND } from '../../src/core/ask.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import {
  FAKE_APPLICATION_ID,
  FAKE_CHANNEL_ID,
  FAKE_GUILD_ID,
  FAKE_TOKEN,
  FakeDiscord,
  type VisibleAnswer,
} from '../fakes/fake-discord.js';
import { MAX_FILE_BYTES, messageProblems } from '../fakes/discord-rules.js';
import { PNG } from 'pngjs';
import { chronicleDocument, dataFolder } from '../helpers.js';
import { SCENARIOS, visibleText } from '../scenarios.js';
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const log = createLogger('silent');

function shown(answer: VisibleAnswer): string {
  const { content = '', embeds = [] } = answer.message;
  const parts = [
    content,
    ...embeds.flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text ?? '',
    ]),
  ];
  return visibleText(parts.join('\n'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const slow = defineCommand({
  name: 'slow',
  description: 'answers after two seconds',
  options: z.object({ fail: z.string().optional() }),
  examples: [],
  run: async (_, { fail }) => {
    await sleep(2_000);
    return fail
      ? { kind: 'error', command: 'slow', code: 'BAD_OPTION', message: `slow failed: ${fail}` }
      : { kind: 'answer', result: { query: 'slow', answers: [], note: 'slow and done' } };
  },
});

describe('Discord adapter against a fake Discord', () => {
  const fake = new FakeDiscord();
  let adapter: DiscordAdapter;
  let config: DiscordConfig;

  beforeAll(async () => {
    await fake.start();
    // The bundled article, plus a document that tries to ping and a long dated chronicle.
    const folder = dataFolder({
      'pings.md':
        '---\ntitle: Channel etiquette\n---\n\nThe moderators wrote @everyone and <@123456789012345678> to announce the grain corridor reopening.',
      'chronicle.md': chronicleDocument(300),
      'sprawl.md': `---\ntitle: ${'A very long title '.repeat(20)}\n---\n\nThe sprawling statute on Veridian fisheries quotas ${'and its many amended annexes on seasonal catch limits '.repeat(90)}was adopted.`,
    });
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    const { corpus } = await openCorpus(folder);
    config = { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: FAKE_GUILD_ID, apiUrl: fake.apiUrl };
    adapter = new DiscordAdapter({ config, context: { corpus, commands: [...commands, slow] }, log });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it('GIVEN /ask what is the NATO condition THEN the cited sentence is quoted with its title and paragraph and the matched terms in bold', async () => {
    const answer = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'what is the NATO condition' } }),
    );
    const description = answer.message.embeds?.[0]?.description ?? '';
    expect(description).toMatch(/^> According to NBC News, there is a possibility/);
    expect(description).toContain('**NATO**');
    expect(description).toContain(
      '*Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement ¶4* · according to NBC News',
    );
    expect(answer.message.embeds?.[0]?.footer?.text).toMatch(/^briefbot · corpus [0-9a-f]{8}/);
  });

  it('GIVEN a snippet holding @everyone and a user mention THEN it is shown but pings nobody', async () => {
    const answer = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'grain corridor reopening' } }),
    );
    expect(shown(answer)).toContain('@everyone and <@123456789012345678>');
    expect(answer.message.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a very long timeline THEN the reply stays within every Discord limit and says how to narrow it', async () => {
    const id = fake.sendInteraction({ name: 'timeline', options: { topic: 'Veridia council session' } });
    const answer = await fake.answerTo(id);
    expect(messageProblems(answer.message)).toEqual([]);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(shown(answer)).toMatch(/\d+ more; narrow with from\/to or limit\./);
  });

  it('GIVEN /timeline THEN the answer carries the timeline PNG as a multipart attachment, drawn above the text list', async () => {
    const id = fake.sendInteraction({ name: 'timeline', options: { topic: 'third anniversary' } });
    const answer = await fake.answerTo(id);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(messageProblems(answer.message)).toEqual([]);
    const [upload] = answer.message.uploads ?? [];
    expect(upload).toMatchObject({ filename: 'timeline.png', contentType: 'image/png' });
    expect(PNG.sync.read(upload!.bytes).width).toBeGreaterThan(800);
    expect(answer.message.embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(shown(answer)).toContain('third anniversary');
  });

  it("GIVEN a file over Discord's upload limit THEN the fake refuses it with 413, as Discord does", async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'big', attachments: [{ id: 0, filename: 'big.png' }] }));
    form.append('files[0]', new Blob([new Uint8Array(MAX_FILE_BYTES + 1)], { type: 'image/png' }), 'big.png');
    const response = await fetch(`${fake.apiUrl}/v10/channels/${FAKE_CHANNEL_ID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${FAKE_TOKEN}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: number }).code).toBe(40005);
  });

  it('GIVEN an answer whose sentence and title exceed Discord limits THEN it is cut cleanly and accepted', async () => {
    const id = fake.sendInteraction({
      name: 'ask',
      options: { question: 'Veridian fisheries quotas statute', limit: 10 },
    });
    const answer = await fake.answerTo(id);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(messageProblems(answer.message)).toEqual([]);
    expect(shown(answer)).toContain('The sprawling statute on Veridian fisheries quotas');
    expect(shown(answer)).toContain('…');
  });

  it('GIVEN a question asked in a direct message THEN it is answered there too', async () => {
    const answer = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'bargaining chip' }, dm: true }),
    );
    expect(shown(answer)).toContain('potential bargaining chip');
  });

  it('GIVEN Discord answers the first response with 429 and Retry-After THEN discord.js waits, retries, and the user still gets the answer', async () => {
    fake.rateLimitNext('POST', /\/interactions\/\d+\/[^/]+\/callback$/, 0.5);
    const answer = await fake.answerTo(
      fake.sendInteraction({ name: 'ask', options: { question: 'Who is Keith Kellogg?' } }),
    );
    expect(shown(answer)).toContain('Keith Kellogg');
    expect(fake.requests.some((request) => request.status === 429)).toBe(true);
  });

  it('GIVEN a command slower than the first-response window THEN the bot defers within 3 s and edits the answer in', async () => {
    const id = fake.sendInteraction({ name: 'slow', options: {} });
    const answer = await fake.answerTo(id);
    expect(answer).toMatchObject({ deferred: true, ephemeral: false });
    expect(shown(answer)).toContain('slow and done');
    expect(fake.errorsFor(id)).toEqual([]);
  });

  it('GIVEN a slow command that ends in an error THEN the public "thinking" message goes and the error is shown to the asker only', async () => {
    const answer = await fake.answerTo(fake.sendInteraction({ name: 'slow', options: { fail: 'on purpose' } }));
    expect(answer.ephemeral).toBe(true);
    expect(shown(answer)).toContain('slow failed: on purpose');
  });

  it('GIVEN the topic being typed THEN autocomplete offers matching titles and acronyms, at most 25', async () => {
    const choices = await fake.choicesFor(
      fake.sendInteraction({ name: 'timeline', options: { topic: 'a' }, focused: 'topic' }),
    );
    expect(choices.map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['ARF', 'Allied Reaction Force', 'North Atlantic Treaty Organization']),
    );
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('GIVEN npm run discord:register THEN exactly the commands the definitions declare are PUT to the server', async () => {
    const registration = await registerCommands(config, commands);
    expect(registration).toEqual({ scope: 'guild', names: ['ask', 'timeline', 'digest', 'sources', 'help'] });
    expect(fake.registered.get(`guild:${FAKE_GUILD_ID}`)).toEqual(discordCommandsOf(commands));
    const ask = discordCommandsOf(commands)[0] as { options?: unknown[] };
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, max_length: 500 }),
      expect.objectContaining({ name: 'limit', type: 4, required: false, min_value: 1, max_value: 10 }),
    ]);
  });

  it('GIVEN no guild id THEN registration is global', async () => {
    await registerCommands({ ...config, guildId: undefined }, commands);
    expect(fake.registered.get('global')).toEqual(discordCommandsOf(commands));
  });
});

describe('the shared scenarios through Discord, on the bundled article', () => {
  const fake = new FakeDiscord();
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    await fake.start();
    const { corpus } = await openCorpus(BUNDLED_DATA_DIR);
    adapter = new DiscordAdapter({
      config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: fake.apiUrl },
      context: { corpus, commands },
      log,
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    'GIVEN %s THEN Discord shows what every channel shows',
    async (_, scenario) => {
      const answer = await fake.answerTo(fake.sendInteraction({ name: scenario.command, options: scenario.options }));
      const text = shown(answer);
      if (scenario.expect.kind === 'answer') {
        expect(text).toContain(scenario.expect.contains);
        expect(answer.ephemeral).toBe(false);
      }
      if (scenario.expect.kind === 'nothing')
        expect(text.trim().split('\n').filter(Boolean)).toEqual([NOTHING_FOUND, scenario.expect.hint]);
      if (scenario.expect.kind === 'error') {
        expect(text).toMatch(scenario.expect.matches);
        expect(answer.ephemeral).toBe(true);
      }
      expect(answer.message.allowed_mentions).toEqual({ parse: [] });
    },
  );
});

describe('heavy commands on a large corpus', () => {
  const fake = new FakeDiscord();
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    await fake.start();
    // A large corpus: the first /timeline dates every document, for a while.
    const folder = dataFolder(
      Object.fromEntries(
        Array.from({ length: 70 }, (_, i) => [
          `chronicle-${i}.md`,
          chronicleDocument(300).replace('A long chronicle', `Chronicle ${i}`),
        ]),
      ),
    );
    const { corpus } = await openCorpus(folder);
    adapter = new DiscordAdapter({
      config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: fake.apiUrl },
      context: { corpus, commands },
      log,
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it("GIVEN /timeline on a large corpus THEN the bot defers before computing and edits the answer in, within Discord's rules", async () => {
    const id = fake.sendInteraction({ name: 'timeline', options: { limit: 5 } });
    const answer = await fake.answerTo(id, 90_000);
    expect(answer.deferred).toBe(true);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(shown(answer)).toMatch(/5 dated events, the most important of/);
  }, 120_000);

  it('GIVEN a heavy command with a bad option THEN the error still reaches the asker only', async () => {
    const answer = await fake.answerTo(fake.sendInteraction({ name: 'timeline', options: { from: 'soon' } }));
    expect(answer).toMatchObject({ ephemeral: true, deferred: false });
  });
});
