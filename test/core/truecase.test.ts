/**
 * Questions typed in lower case, as people type in a chat, are read with their names' capitals, so
 * that they get what the same question typed with capitals gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../../eval/golden.js';
import { ask } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';
import { loadDocuments } from '../../src/core/load-documents.js';
import { truecased } from '../../src/core/truecase.js';

describe('truecased', () => {
  it('GIVEN names typed in lower case THEN they get the capitals general English writes them with', () => {
    expect(truecased('what did putin say about nato?')).toBe('what did Putin say about NATO?');
    expect(truecased("is putin's offer real")).toBe("is Putin's offer real");
    expect(truecased('when did china and russia meet')).toBe('when did China and Russia meet');
  });

  it('GIVEN words English also uses in lower case THEN they are left as typed', () => {
    expect(truecased('will they march on may day? tell us')).toBe('will they march on may day? tell us');
    expect(truecased('who won the war in the house')).toBe('who won the war in the house');
  });

  it('GIVEN words typed with capitals, or a name the list lacks THEN they are left as typed', () => {
    expect(truecased('What did Putin say?')).toBe('What did Putin say?');
    expect(truecased('who is zorblax')).toBe('who is zorblax');
    expect(truecased('who is kellogg', new Map())).toBe('who is kellogg');
  });
});

describe('a lower-case question asked of documents about other things', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    // 48 Wikipedia articles (XQuAD) that never name Putin.
    corpus = Corpus.from((await loadDocuments(`${SHARED}datasets/xquad/docs`)).documents);
  });

  it.each(['What would Putin be promised?', 'What is Putin promised?'])(
    'GIVEN %j typed in lower case THEN nothing is quoted, as with the capitals',
    (question) => {
      expect(ask(corpus, question).answers).toEqual([]);
      expect(ask(corpus, question.toLowerCase()).answers).toEqual([]);
    },
  );
});
