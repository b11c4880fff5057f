import { describe, expect, it } from 'vitest';
import { ask, NOTHING_FOUND } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';
import { UserError } from '../../src/core/errors.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { SHARED } from '../../eval/golden.js';
import { bundledCorpus, dataFolder, loadDocument } from '../helpers.js';

const claimIds = (corpus: Corpus, question: string): string[] =>
  ask(corpus, question).answers.map((answer) => answer.citation.claim);

describe('/ask on the bundled article', () => {
  it('GIVEN the NATO question THEN the first snippet is the NATO condition, cited with document, title, paragraph and attribution', async () => {
    const result = ask(await bundledCorpus(), 'what is the NATO condition');
    expect(result.answers[0]).toMatchObject({
      kind: 'body',
      citation: {
        document: 'ukraine-nato-deal',
        title: 'Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement',
        paragraph: 4,
        sentence: 2,
        claim: 'ukraine-nato-deal#p4.s2',
        url: null,
        attribution: 'NBC News',
      },
    });
    expect(result.answers[0]?.text).toContain('instant entry to the North Atlantic Treaty Organization (NATO)');
    expect(result.answers[0]?.terms).toEqual(expect.arrayContaining(['NATO']));
    expect(result.answers.length).toBeLessThanOrEqual(3);
  });

  it('GIVEN a word general English knows THEN a near spelling of it in a snippet is not highlighted as a match', async () => {
    // "fight" is a word, not a typo of the article's "sight" ("with no end in sight").
    const answers = ask(await bundledCorpus(), 'who will fight for Ukraine').answers;
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer.terms).not.toContain('sight');
  });

  it('GIVEN a limit THEN at most that many snippets come back, best first', async () => {
    const corpus = await bundledCorpus();
    const answers = ask(corpus, 'Ukraine NATO Russia', { limit: 5 }).answers;
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.length).toBeLessThanOrEqual(5);
    expect(answers.map((answer) => answer.score)).toEqual(
      [...answers.map((answer) => answer.score)].sort((a, b) => b - a),
    );
    expect(ask(corpus, 'Ukraine NATO Russia', { limit: 1 }).answers).toHaveLength(1);
  });

  it.each(['North Atlantic Treaty Organization', 'NATO'])(
    'GIVEN %j THEN the sentence that defines NATO is found by either form',
    async (question) => {
      expect(claimIds(await bundledCorpus(), question)).toContain('ukraine-nato-deal#p4.s2');
    },
  );

  it.each(['ARF', 'Allied Reaction Force'])(
    'GIVEN %j THEN the tank caption that defines ARF is found by either form',
    async (question) => {
      expect(claimIds(await bundledCorpus(), question)[0]).toBe('ukraine-nato-deal#p5.s1');
    },
  );

  it('GIVEN an acronym that only one document defines THEN another document using only the acronym is found by the long form', async () => {
    const folder = dataFolder({
      'a.md': 'Glossary\n\nThe World Health Organization (WHO) is a UN agency.',
      'b.md': 'Vaccines\n\nThe WHO approved the vaccine on Monday.',
    });
    const { corpus } = await openCorpus(folder);
    expect(claimIds(corpus, 'what did the World Health Organization approve')[0]).toBe('b#p2.s1');
  });

  it('GIVEN a misspelt long word THEN typo tolerance still finds it', async () => {
    expect(claimIds(await bundledCorpus(), 'excercise Steadfast Dart')[0]).toBe('ukraine-nato-deal#p5.s1');
  });

  it('GIVEN Zelensky THEN claims spelling him Zelenskyy are found too', async () => {
    const ids = claimIds(await bundledCorpus(), 'Zelensky');
    expect(ids).toEqual(expect.arrayContaining(['ukraine-nato-deal#p3.s1', 'ukraine-nato-deal#p8.s1']));
  });

  it('GIVEN curly quotes, accents and capitals in the question THEN it matches the plain text', async () => {
    const corpus = await bundledCorpus();
    expect(claimIds(corpus, 'NATO’S ARTICLE 5')[0]).toBe('ukraine-nato-deal#p4.s5');
    expect(claimIds(corpus, 'Smárdan near Galați')[0]).toBe('ukraine-nato-deal#p5.s1');
  });

  it.each([
    'What is the price of coffee in Brazil?',
    'How do I reset my router password?',
    'what is it?',
    'What is the weather in Kyiv?',
    'Who won the 2022 World Cup?',
  ])('GIVEN the off-topic question %j THEN the reply says nothing answers it, with zero snippets', async (question) => {
    const result = ask(await bundledCorpus(), question);
    expect(result.answers).toEqual([]);
    expect(result.note).toBe(NOTHING_FOUND);
  });

  it.each([
    ['Tell me about the Allied Reaction Force', 'ukraine-nato-deal#p5.s1'],
    ['What do you know about Kellogg?', 'ukraine-nato-deal#p8.s1'],
  ])('GIVEN the request %j THEN its request words do not hide the subject', async (question, claim) => {
    expect(claimIds(await bundledCorpus(), question)).toContain(claim);
  });

  it('GIVEN a question that shares one common word with the article THEN no unrelated sentence is quoted', async () => {
    expect(ask(await bundledCorpus(), 'What is the weather forecast for the Ukrainian ski season?').answers).toEqual(
      [],
    );
  });

  it.each([
    ['What would Macron be promised?', 'What would Putin be promised?'],
    ['What did Macron say about the Ukrainian leader?', 'What did Trump say about the Ukrainian leader?'],
    ['When did Zelenskyy meet Blinken?', 'When did Zelenskyy meet Kellogg?'],
  ])(
    'GIVEN %j, about a name the article never uses THEN nothing is quoted, while %j is answered',
    async (absent, present) => {
      const corpus = await bundledCorpus();
      expect(ask(corpus, absent)).toMatchObject({ answers: [], note: NOTHING_FOUND });
      expect(ask(corpus, present).answers.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['', 'EMPTY_QUESTION'],
    ['   ', 'EMPTY_QUESTION'],
    ['?!...', 'QUESTION_WITHOUT_WORDS'],
    ['why '.repeat(130), 'QUESTION_TOO_LONG'],
  ])('GIVEN the question %j THEN a UserError %s says how to ask', async (question, code) => {
    const corpus = await bundledCorpus();
    expect(() => ask(corpus, question)).toThrow(UserError);
    try {
      ask(corpus, question);
    } catch (error) {
      expect((error as UserError).code).toBe(code);
      expect((error as UserError).message).toMatch(/question/i);
    }
  });
});

describe('a corpus of several documents', () => {
  it('GIVEN the same sentence in two copies of a report THEN it is quoted once', async () => {
    const text = 'Wire copy\n\nThe summit in Geneva ended without an agreement on tariffs.';
    const { corpus } = await openCorpus(dataFolder({ 'a.md': text, 'b.md': text }));
    const answers = ask(corpus, 'Geneva summit tariffs agreement').answers;
    expect(answers.map((answer) => answer.text)).toEqual([
      'The summit in Geneva ended without an agreement on tariffs.',
    ]);
  });

  it('GIVEN a name joined by an ampersand THEN the question finds the sentence that names it, highlighted whole', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': [
          'Telecoms',
          'AT&T agreed to sell its stake in the satellite venture.',
          'The regulator looked at the venture again in March.',
          'Shares of S&P 500 companies fell.',
        ].join('\n\n'),
      }),
    );
    const answers = ask(corpus, 'What did AT&T sell?').answers;
    expect(answers[0]?.text).toBe('AT&T agreed to sell its stake in the satellite venture.');
    expect(answers[0]?.terms).toContain('AT&T');
    expect(ask(corpus, 'Which S&P companies fell?').answers[0]?.text).toBe('Shares of S&P 500 companies fell.');
  });

  it('GIVEN six BBC reports and a question about one THEN no filler from another report is quoted after its answer', async () => {
    const ids = [
      'bbc-business-017',
      'bbc-business-417',
      'bbc-entertainment-307',
      'bbc-politics-321',
      'bbc-sport-304',
      'bbc-tech-193',
    ];
    const folder = `${SHARED}datasets/bbc/docs`;
    const corpus = Corpus.from(await Promise.all(ids.map((id) => loadDocument(folder, id))));
    const answers = ask(corpus, 'How much money did Parmalat make?').answers;
    expect(answers[0]?.citation.document).toBe('bbc-business-017');
    // Before: "She was a really lovely person and she will be much missed." (an actress's obituary) came third.
    expect(answers.map((answer) => answer.citation.document)).toEqual(answers.map(() => 'bbc-business-017'));
  });

  it('GIVEN a document removed from the corpus THEN its claims are no longer answers', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': 'Alpha\n\nThe reactor in Zaporizhzhia lost power.',
        'b.md': 'Beta\n\nMarkets rose on Monday.',
      }),
    );
    expect(claimIds(corpus, 'Zaporizhzhia reactor power')).toEqual(['a#p2.s1']);
    corpus.remove('a');
    expect(claimIds(corpus, 'Zaporizhzhia reactor power')).toEqual([]);
  });
});
