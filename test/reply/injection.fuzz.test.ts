/**
 * No document and no user can ping, add a link, or act on a terminal, on any platform: fast-check
 * generates thousands of hostile texts and URLs (mentions, broken-out links, entities, control
 * sequences, emoji), puts them in every kind of reply, and checks what each renderer sends.
 * A second property loads generated documents through the real front matter, corpus and commands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { dispatch } from '../../commands/dispatch.js';
import { payloadOf } from '../../src/adapters/discord/discord-adapter.js';
import type { Citation } from '../../src/core/citation.js';
import { Corpus } from '../../src/core/corpus.js';
import { splitFrontMatter } from '../../src/core/front-matter.js';
import { renderDiscord } from '../../src/reply/render-discord.js';
import { jsonLine, renderJson } from '../../src/reply/render-json.js';
import { renderSlack } from '../../src/reply/render-slack.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Reply } from '../../src/reply/reply.js';
import { linkTarget } from '../../src/reply/safe-url.js';
import { escapeSlack } from '../../src/reply/slack-mrkdwn.js';

const HOSTILE = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0ADMIN>',
  '<!subteam^S123>',
  '<https://evil.example/phish|Official source>',
  '[Official source](https://evil.example/phish)',
  ')',
  '](',
  '[',
  ']',
  '(',
  '|',
  '<',
  '>',
  '&',
  '&amp',
  '&lt;',
  '*',
  '_',
  '~',
  '`',
  '\\',
  '\u001b[2J',
  '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007',
  '\r',
  '\u009b31m',
  '\u0007',
  '\u0000',
  '😀',
  '👩‍👩‍👧',
  'é',
  '\n',
  ' ',
];
const word = fc.constantFrom(
  'grain',
  'corridor',
  'council',
  'Veridia',
  'reopened',
  'on',
  'March',
  '3,',
  '2025',
  'said',
);
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), word, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(' '));
const hostileUrl = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://files.example/a',
    '<!channel>',
    'https://ok.example/a',
  ),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.webPath()), { maxLength: 4 })
    .map((parts) => `https://ok.example/${parts.join('')}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

const citation: fc.Arbitrary<Citation> = fc.record({
  document: hostileText,
  title: hostileText,
  paragraph: fc.nat(40),
  sentence: fc.nat(40),
  claim: hostileText,
  url: hostileUrl,
  attribution: fc.option(hostileText, { nil: null }),
});

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc
    .record({
      query: hostileText,
      answers: fc.array(
        fc.record({
          text: hostileText,
          score: fc.nat(100),
          terms: fc.array(hostileText, { maxLength: 3 }),
          kind: fc.constantFrom('headline' as const, 'caption' as const, 'body' as const),
          citation,
        }),
        { maxLength: 4 },
      ),
      note: hostileText,
      hint: fc.option(hostileText, { nil: undefined }),
    })
    .map((result): Reply => ({ kind: 'answer', result })),
  fc
    .record({
      events: fc.array(
        fc.record({
          date: fc.constantFrom('2025-02-20', '2025-02', '2025'),
          precision: fc.constantFrom('day' as const, 'month' as const, 'year' as const),
          approximate: fc.boolean(),
          end: fc.constant(null),
          modality: fc.constantFrom('reported' as const, 'prediction' as const, 'conditional' as const),
          label: fc.option(hostileText, { nil: null }),
          text: hostileText,
          citations: fc.array(citation, { minLength: 1, maxLength: 3 }),
          documents: fc.nat(5),
        }),
        { maxLength: 4 },
      ),
      matched: fc.nat(9),
      note: hostileText,
    })
    .map((result): Reply => ({ kind: 'timeline', result })),
  fc
    .record({
      since: fc.constant('2025-01-01T00:00:00.000Z'),
      until: fc.constant('2025-01-02T00:00:00.000Z'),
      sections: fc.array(
        fc.record({
          document: hostileText,
          title: hostileText,
          url: hostileUrl,
          arrivedAt: fc.constant('2025-01-01T12:00:00.000Z'),
          items: fc.array(fc.record({ text: hostileText, citation, reasons: fc.constant<'lead'[]>(['lead']) }), {
            maxLength: 3,
          }),
        }),
        { maxLength: 3 },
      ),
      leftOut: fc.record({ documents: fc.nat(3), claims: fc.nat(3) }),
      note: hostileText,
    })
    .map((result): Reply => ({ kind: 'digest', result })),
  fc
    .record({ title: hostileText, lines: fc.array(hostileText, { maxLength: 3 }) })
    .map((notice): Reply => ({ kind: 'notice', ...notice })),
  fc
    .array(
      fc.record({
        id: hostileText,
        title: hostileText,
        claims: fc.nat(50),
        arrivedAt: fc.constant(null),
        source: fc.option(hostileText, { nil: null }),
        url: hostileUrl,
        published: fc.constant(null),
      }),
      { maxLength: 4 },
    )
    .chain((documents) =>
      fc
        .array(
          fc.record({
            url: hostileText,
            kind: fc.constantFrom('article' as const, 'feed' as const),
            title: fc.option(hostileText, { nil: null }),
            status: fc.constantFrom('ok' as const, 'retrying' as const, 'failing' as const),
            lastError: fc.option(hostileText, { nil: null }),
            lastFetchedAt: fc.constant(null),
            nextPollAt: fc.constant(null),
            everyMinutes: fc.constant(15),
            documents: fc.nat(9),
            through: fc.constantFrom('channel' as const, 'workspace' as const),
          }),
          { maxLength: 2 },
        )
        .map((followed): Reply => ({ kind: 'sources', documents, claims: 3, version: 'abcd1234', followed })),
    ),
  fc
    .record({ message: hostileText, input: hostileText })
    .map(({ message, input }): Reply => ({ kind: 'error', command: 'ask', code: 'BAD_OPTION', message, input })),
);

/** Every URL a reply holds: the only targets a rendered link may have. */
function urlsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(urlsOf);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'url' ? urlsOf(inner) : typeof inner === 'object' ? urlsOf(inner) : [],
    );
  return [];
}

const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Slack mrkdwn: no mention, channel ping or link but the citation links the renderer built; every & an entity. */
function slackProblems(text: string, targets: Set<string>): string[] {
  const problems: string[] = [];
  const rest = text.replace(/<([^<>|\s]+)(\|[^<>]*)?>/g, (link, target: string) => {
    if (!targets.has(target)) problems.push(`link not made from a document URL: ${link}`);
    return '';
  });
  // A line-leading `>` is the renderer's own quote mark.
  if (/[<>]/.test(rest.replace(/^>/gm, ''))) problems.push(`raw < or > (mention, ping or link syntax): ${rest}`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`an & that is not an entity: ${text}`);
  return problems;
}

/** Discord Markdown: no unescaped mention syntax, no masked link but the renderer's. */
function discordProblems(text: string, targets: Set<string>): string[] {
  const problems: string[] = [];
  // A backslash escapes the next character: escaped pairs become inert placeholders first.
  const inert = text.replace(/\\./gs, '\u0001\u0001');
  const rest = inert.replace(/\[([^[\]]*)\]\(([^()\s]*)\)/g, (link, _label: string, target: string) => {
    if (!targets.has(target)) problems.push(`masked link not made from a document URL: ${link}`);
    return '';
  });
  // A line-leading `> ` is the renderer's own quote mark.
  if (/[[\]<>]/.test(rest.replace(/^> /gm, ''))) problems.push(`unescaped link or mention syntax: ${text}`);
  return problems;
}

function checkEveryPlatform(rendered: Reply): void {
  const urls = urlsOf(rendered);
  const slackTargets = new Set(
    urls
      .map(linkTarget)
      .filter((target): target is string => target !== undefined)
      .map(escapeSlack),
  );
  const discordTargets = new Set(urls.map(linkTarget).filter((target): target is string => target !== undefined));

  const slack = renderSlack(rendered, { version: 'abcd1234' });
  const mrkdwn = [
    slack.text,
    ...slack.blocks.flatMap((block) =>
      block.type === 'section'
        ? [block.text.text]
        : block.type === 'context'
          ? block.elements.map((element) => element.text)
          : [],
    ),
  ];
  expect(mrkdwn.flatMap((text) => slackProblems(text, slackTargets))).toEqual([]);

  const discord = payloadOf(renderDiscord(rendered, { version: 'abcd1234' }));
  expect(discord.allowedMentions).toEqual({ parse: [] });
  const markdown = [
    discord.content ?? '',
    ...(discord.embeds ?? []).flatMap((embed) => {
      const data = 'toJSON' in embed ? embed.toJSON() : embed;
      return [data.description ?? '', ...(data.fields ?? []).flatMap((field) => [field.name, field.value])];
    }),
  ];
  expect(markdown.flatMap((text) => discordProblems(text, discordTargets))).toEqual([]);

  expect(renderText(rendered)).not.toMatch(TERMINAL_CONTROL);
  expect(renderText(rendered, { color: true }).replace(/\u001b\[(1|2|22)m/g, '')).not.toMatch(TERMINAL_CONTROL);
  expect(jsonLine(renderJson(rendered))).not.toMatch(TERMINAL_CONTROL);
  expect(JSON.parse(jsonLine(renderJson(rendered)))).toEqual(renderJson(rendered));
}

describe('injection through documents and users, on every renderer', () => {
  it('GIVEN thousands of replies full of mentions, broken-out links, entities and control sequences THEN no platform output can ping, link elsewhere or act on a terminal', () => {
    fc.assert(
      fc.property(reply, (generated) => checkEveryPlatform(generated)),
      { numRuns: 2_000 },
    );
  });

  it('GIVEN generated documents loaded through front matter, the corpus and the commands THEN the same holds for /ask, /timeline, /sources and their errors', async () => {
    const document = fc.record({
      title: hostileText,
      url: hostileUrl,
      body: fc.array(hostileText, { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(document, async ({ title, url, body }) => {
        const text = `---\n${JSON.stringify({ title, ...(url ? { url } : {}) })}\n---\n\n${body.map((line) => `${line} On March 3, 2025 the council met.`).join('\n\n')}`;
        const parsed = splitFrontMatter(text);
        if (!parsed.ok) return; // refused with a warning: nothing of it is ever rendered
        if (parsed.frontMatter.url) expect(parsed.frontMatter.url).toMatch(/^https?:\/\//);
        const corpus = Corpus.from([
          {
            id: 'doc',
            path: 'doc.md',
            title: parsed.frontMatter.title ?? title,
            titleFromFrontMatter: true,
            ...(parsed.frontMatter.url ? { url: parsed.frontMatter.url } : {}),
            tags: [],
            body: parsed.body,
          },
        ]);
        const context = { corpus, commands };
        const log = { error: () => undefined };
        for (const request of [
          { name: 'ask', options: { question: `${body[0]} council` } },
          { name: 'timeline', options: {} },
          { name: 'sources', options: {} },
          { name: 'timeline', options: { topic: title.slice(0, 150) } },
          { name: 'ask', options: { question: title } },
        ]) {
          checkEveryPlatform(await dispatch(request, context, log));
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
