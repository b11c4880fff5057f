/** Topic suggestions are cut to Discord's 100 characters without splitting an emoji. */
import { describe, expect, it } from 'vitest';
import { topicChoices } from '../../src/adapters/discord/autocomplete.js';
import { Corpus } from '../../src/core/corpus.js';

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('topic autocomplete', () => {
  it('GIVEN a long title with an emoji across the cut THEN each suggestion is at most 100 characters of well-formed text', () => {
    const title = `${'a'.repeat(98)}🎉 harbour fees and the long tail of the title`;
    const corpus = Corpus.from([
      { id: 'd', path: 'd.md', title, titleFromFrontMatter: true, tags: [], body: 'The harbour fees rose.' },
    ]);
    const choices = topicChoices(corpus, 'aaa');
    expect(choices).toHaveLength(1);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      // A lone surrogate is not text: it cannot be encoded as UTF-8 for Discord.
      expect(choice.name).not.toMatch(LONE_SURROGATE);
      expect(choice.value).not.toMatch(LONE_SURROGATE);
    }
  });
});
