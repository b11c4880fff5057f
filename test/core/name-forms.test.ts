import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { nameForms } from '../../src/core/name-forms.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { buildQuery } from '../../src/core/query.js';
import { dataFolder } from '../helpers.js';

describe('a place and its adjective', () => {
  it.each([
    ['Europe', 'European'],
    ['European', 'Europe'],
    ['Russia', 'Russian'],
    ['Ukraine', 'Ukrainian'],
    ['Ukrainian', 'Ukraine'],
    ['Canada', 'Canadian'],
    ['Italy', 'Italian'],
    ['China', 'Chinese'],
    ['Japanese', 'Japan'],
    ['Germany', 'German'],
    ['Turkey', 'Turkish'],
    ['Sweden', 'Swedish'],
  ])('GIVEN %j THEN %j is among its other forms', (name, form) => {
    expect(nameForms(name)).toContain(form);
  });

  it.each(['Ira', 'europe', 'NATO', 'Hi'])(
    'GIVEN %j (short, lower case or in capitals) THEN no forms are tried',
    (word) => {
      expect(nameForms(word)).toEqual([]);
    },
  );

  it('GIVEN documents that say "European" but never "Europe" THEN a question about Europe gets the European sentence first', async () => {
    const folder = dataFolder({
      'talks.md': `Trade talks\n\n${[
        'The talks opened in Geneva on Monday with delegations from forty countries.',
        'Asian ministers agreed to keep tariffs on steel unchanged for now.',
        'European ministers agreed to cut tariffs on steel by a fifth over three years.',
      ].join(' ')}`,
    });
    // Without the adjective standing for the name, the Asian sentence comes first for both.
    const { corpus } = await openCorpus(folder);
    for (const question of ['What did Europe agree on steel tariffs?', 'How will Europe change its steel tariffs?'])
      expect(ask(corpus, question).answers[0]?.text).toContain('European ministers agreed');
  });

  it('GIVEN a name the documents use THEN it is matched as written; GIVEN one they only use as an adjective THEN that adjective stands for it', async () => {
    const folder = dataFolder({
      'ukraine.md': 'Ukraine\n\nThe Ukrainian people have shown great resilience. European allies met in Brussels.',
    });
    const { corpus } = await openCorpus(folder);
    const alternativesOf = (question: string, term: string) =>
      buildQuery(question, corpus).terms.find((queryTerm) => queryTerm.term === term)?.alternatives;
    expect(alternativesOf('What is the population of Ukraine?', 'ukrain')).toEqual([]);
    expect(alternativesOf('Who leads Europe?', 'europ')).toEqual([['european']]);
    expect(alternativesOf('Who leads Canada?', 'canada')).toEqual([]);
  });
});
