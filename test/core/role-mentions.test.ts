import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';
import { roleMentionNames } from '../../src/core/role-mentions.js';
import { bundledCorpus, sourceDocument } from '../helpers.js';

/** The names resolved for the last sentence, after the ones that introduce people. */
function resolvedIn(sentences: string[]): string[] {
  return roleMentionNames(sentences).at(-1)!;
}

describe('people a document names by their role', () => {
  it('GIVEN a role mention that fits one person of the document THEN it stands for that person', () => {
    const introductions = [
      'The deal was negotiated by President Donald Trump.',
      "Ukraine's President Volodymyr Zelensky attended the meeting.",
    ];
    expect(resolvedIn([...introductions, 'Trump criticised the Ukrainian President.'])).toEqual(['Volodymyr Zelensky']);
    expect(resolvedIn([...introductions, 'The US President spoke first.'])).toEqual(['Donald Trump']);
    expect(resolvedIn([...introductions, 'He blamed the Ukrainian leader.'])).toEqual(['Volodymyr Zelensky']);
  });

  it('GIVEN two people with the same role and a mention that could be either THEN it stands for nobody', () => {
    const sentences = [
      'President Donald Trump met President Emmanuel Macron.',
      'The president said the talks went well.',
    ];
    expect(resolvedIn(sentences)).toEqual([]);
  });

  it('GIVEN a person introduced in apposition THEN a later mention of the role stands for them', () => {
    const sentences = [
      '"It is a good bet," said Suhas Naik, an investment analyst from ING Mutual Fund.',
      'The analyst expects prices to rise.',
    ];
    expect(resolvedIn(sentences)).toEqual(['Suhas Naik']);
  });

  it('GIVEN a qualified role ("former chancellor", "welfare minister") THEN the plain role does not stand for them', () => {
    expect(resolvedIn(['Former chancellor Ken Clarke spoke.', 'The chancellor said nothing.'])).toEqual([]);
    expect(resolvedIn(['Welfare minister Frank Field spoke.', 'The prime minister should resign.'])).toEqual([]);
    expect(resolvedIn(['Chancellor Gordon Brown spoke.', 'The chancellor said nothing.'])).toEqual(['Gordon Brown']);
  });

  it('GIVEN a name after a comma or a clause ("..., the prime minister said") THEN it is not taken as introduced', () => {
    const sentences = [
      'Echoing Secretary of State Condoleezza Rice, the prime minister said policy had changed.',
      'The prime minister later left.',
    ];
    expect(resolvedIn(sentences)).toEqual([]);
  });

  it('GIVEN a role followed by a title alone ("President Mr") THEN it introduces nobody, and the one president is found', () => {
    const sentences = ['He met President Mr yesterday.', 'President Donald Trump spoke.', 'The president left.'];
    expect(resolvedIn(sentences)).toEqual(['Donald Trump']);
  });

  it('GIVEN title-case headlines and words in capitals THEN no name is made of them', () => {
    const sentences = [
      'Queen To Host Holocaust Reception',
      'Deputy Prime Minister ODPM Figures',
      'The queen will attend.',
    ];
    expect(resolvedIn(sentences)).toEqual([]);
    expect(resolvedIn(['President Resigns Amid Scandal', 'Congress had asked the president to resign.'])).toEqual([]);
  });

  it('GIVEN a 540,000-character sentence of 10,000 roles and long runs of capitalised words THEN it is read in one pass', () => {
    // Each "President of Alpha and Beta Gamma Delta" introduces someone qualified by Alpha and Beta.
    const hostile = `${'the President of Alpha and Beta Gamma Delta said, '.repeat(10_000)}${'Big '.repeat(10_000)}.`;
    expect(roleMentionNames([hostile, 'The president said so.'])).toEqual([[], []]);
  });

  it('GIVEN 20,000 people introduced and 20,000 mentions of their role THEN each mention is resolved once, ambiguous', () => {
    // Checking every mention against every introduction took 54 s here; no president is unique.
    const introductions = Array.from({ length: 20_000 }, (_, i) => `President Alpha${i} Beta met them`).join(' and ');
    const mentions = 'the president said it, '.repeat(20_000);
    expect(roleMentionNames([introductions, mentions])).toEqual([[], []]);
  });

  it('GIVEN a question naming a person the sentences call by role THEN /ask finds those sentences', async () => {
    const corpus = Corpus.from([
      sourceDocument(
        'budget',
        [
          'Chancellor Gordon Brown presented his ninth budget on Wednesday.',
          '',
          'Opposition parties said the chancellor had hidden a deficit behind optimistic growth forecasts.',
        ].join('\n'),
      ),
    ]);
    const [first] = ask(corpus, 'What did the opposition say about Brown?').answers;
    expect(first?.text).toContain('hidden a deficit');
  });

  it('GIVEN "What did Trump say about Zelensky?" on the bundled article THEN the sentences calling him "the Ukrainian President" or "leader" answer', async () => {
    const answers = ask(await bundledCorpus(), 'What did Trump say about Zelensky?').answers;
    const blamed = answers.find((answer) => answer.text.includes('blamed the Ukrainian leader'));
    expect(blamed, JSON.stringify(answers.map((answer) => answer.text))).toBeDefined();
    // The mentions that stand for the people asked about are highlighted as the names would be.
    expect(blamed!.terms).toEqual(expect.arrayContaining(['US', 'President', 'Ukrainian', 'leader']));
  });
});
