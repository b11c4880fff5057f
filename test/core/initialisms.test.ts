import { describe, expect, it } from 'vitest';
import { sourceDocument } from '../helpers.js';
import { candidatesFor } from '../../src/core/candidates.js';
import { Corpus } from '../../src/core/corpus.js';
import { initialismsOf } from '../../src/core/initialisms.js';
import { semanticData } from '../../src/core/semantic-data.js';

describe('initialisms of the names a document spells out', () => {
  it('GIVEN runs of capitalised words THEN their initials are known, connectors giving no letter', () => {
    expect(initialismsOf('The Scottish Parliament sits in Edinburgh.')).toContain('sp');
    expect(initialismsOf('The American Automobile Association reported a shortage')).toContain('aaa');
    expect(initialismsOf('a loan from the Bank of England today')).toContain('be');
    expect(initialismsOf('talks between the United States and Russia')).toContain('us');
  });

  it('GIVEN a 300,000-character capitalised junk word beside a name THEN the name is read in one pass', () => {
    // A regular expression over the text retried at each letter of such a word: 10.7 s at 100,000 characters.
    const junk = `Q${'X'.repeat(300_000)}`;
    expect(initialismsOf(`${junk} and the Scottish Parliament met ${junk}`)).toEqual(['sp']);
  });

  it('GIVEN capitalised words that punctuation or an everyday word separates THEN they make no initialism', () => {
    expect(initialismsOf('In Scotland, Parliament met')).not.toContain('sp');
    expect(initialismsOf('Special Envoy for Ukraine and Russia')).not.toContain('eu');
    expect(initialismsOf('Scotland has a parliament; Wales too')).toEqual([]);
    expect(initialismsOf('Kyiv')).toEqual([]);
  });
});

const FUEL = 'The American Automobile Association reported that many gasoline stations had no fuel.';

describe('a question that writes a name in initials', () => {
  const corpus = Corpus.from([
    sourceDocument('holyrood', 'The Scottish Parliament passed the act in 1999. Members must be at least 18.'),
    sourceDocument('fuel', FUEL),
  ]);
  const missingName = (question: string): number => candidatesFor(corpus, question, semanticData().vectors).missingName;

  it('GIVEN initials of a name a document spells out THEN the name is not missing', () => {
    expect(missingName('What act did the SP pass?')).toBe(0);
    expect(missingName('According to the AAA, how many stations had no fuel?')).toBe(0);
  });

  it('GIVEN initials no document spells out THEN the name still counts as missing', () => {
    expect(missingName('What act did the FBI pass?')).toBeGreaterThan(0.5);
    const fuelOnly = Corpus.from([sourceDocument('fuel', FUEL)]);
    expect(candidatesFor(fuelOnly, 'Which stations had no fuel, the SP reported?', null).missingName).toBeGreaterThan(
      0.5,
    );
  });
});
