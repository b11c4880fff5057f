import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../../src/core/open-corpus.js';
import { dateFeatures, FEATURE_NAMES } from '../../../src/core/timeline/date-features.js';
import { datedClaimsFor } from '../../../src/core/timeline/timeline.js';
import { dataFolder } from '../../helpers.js';

const feature = (name: (typeof FEATURE_NAMES)[number]): number => FEATURE_NAMES.indexOf(name);

describe('date features', () => {
  it('GIVEN a day reports were published on that no sentence names THEN it is scored only when asked for, with no mentions and its publications', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': '---\ntitle: Cairo\npublished: 2011-02-09\n---\n\nThe army took control of Cairo on February 8, 2011.',
        'b.md': '---\ntitle: Suez\npublished: 2011-02-09\n---\n\nShips passed the canal as usual.',
      }),
    );
    const dated = datedClaimsFor(corpus);
    expect([...dateFeatures(corpus, dated).keys()]).toEqual(['2011-02-08']);
    const features = dateFeatures(corpus, dated, ['2011-02-09']);
    expect([...features.keys()].sort()).toEqual(['2011-02-08', '2011-02-09']);
    const published = features.get('2011-02-09')!;
    expect(published[feature('documents mentioning it in their lead')]).toBe(0);
    expect(published[feature('documents mentioning it only further down')]).toBe(0);
    expect(published[feature('documents published on it')]).toBeCloseTo(Math.log1p(2));
    expect(features.get('2011-02-08')![feature('documents published the day after')]).toBeCloseTo(Math.log1p(2));
  });
});
