/** Without usable word vectors or networks the bot still answers, lexically, after one warning. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask, NOTHING_FOUND } from '../../src/core/ask.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { ANSWERABILITY_PATH } from '../../src/core/answerability.js';
import { RERANKER_PATH } from '../../src/core/reranker.js';
import {
  loadSemanticData,
  type SemanticData,
  useSemanticData,
  WORD_VECTORS_PATH,
} from '../../src/core/semantic-data.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { warningLine } from '../../src/open-data.js';

const folder = mkdtempSync(join(tmpdir(), 'briefbot-vectors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function corruptCopy(name: string, damage: (bytes: Buffer) => Buffer, original = WORD_VECTORS_PATH): string {
  const path = join(folder, name);
  writeFileSync(path, damage(readFileSync(original)));
  return path;
}

/** A copy of a network file with its JSON changed by `edit`. */
function editedNetwork(name: string, original: string, edit: (json: Record<string, unknown>) => void): string {
  return corruptCopy(
    name,
    (bytes) => {
      const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      edit(json);
      return Buffer.from(JSON.stringify(json));
    },
    original,
  );
}

/** With `data` in use, opening the bundled corpus warns once and /ask still answers and still refuses. */
async function expectLexicalAfterOneWarning(data: SemanticData): Promise<void> {
  useSemanticData(data);
  try {
    const { corpus, warnings } = await openCorpus(BUNDLED_DATA_DIR);
    expect(warnings.filter((warning) => /exact words only/.test(warning.problem))).toHaveLength(1);
    const answer = ask(corpus, 'what is the NATO condition').answers[0];
    expect(answer?.text).toMatch(/instant entry to the North Atlantic Treaty Organization/);
    expect(ask(corpus, 'What is the price of coffee in Brazil?').note).toBe(NOTHING_FOUND);
  } finally {
    useSemanticData(loadSemanticData());
  }
}

describe('the word vectors file', () => {
  it('GIVEN the shipped file THEN it loads without a warning', () => {
    const data = loadSemanticData();
    expect(data.warning).toBeUndefined();
    expect(data.vectors!.size).toBeGreaterThan(10_000);
  });

  it.each([
    ['missing', () => join(folder, 'absent.bin'), /is missing/],
    ['truncated', () => corruptCopy('truncated.bin', (bytes) => bytes.subarray(0, bytes.length - 1000)), /truncated/],
    [
      'with flipped bytes',
      () =>
        corruptCopy('flipped.bin', (bytes) =>
          Buffer.from(bytes.map((byte, i) => (i > 5000 && i < 5100 ? byte ^ 0xff : byte))),
        ),
      /corrupt/,
    ],
    ['not a vectors file', () => corruptCopy('text.bin', () => Buffer.from('{"words": []}')), /not a word-vector file/],
  ])(
    'GIVEN a file %s THEN there is no vectors and one warning that says /ask answers from exact words',
    (_, pathOf, problem) => {
      const data = loadSemanticData({ vectors: pathOf() });
      expect(data.vectors).toBeNull();
      expect(data.warning?.problem).toMatch(problem);
      expect(data.warning?.problem).toMatch(/exact words only/);
    },
  );

  it('GIVEN a corrupt file at start-up THEN opening the corpus gives one warning and /ask still answers and still refuses', async () => {
    const broken = corruptCopy('broken.bin', (bytes) => Buffer.concat([bytes.subarray(0, 24), Buffer.alloc(10)]));
    await expectLexicalAfterOneWarning(loadSemanticData({ vectors: broken }));
  });
});

describe.each([
  ['re-ranker', 'reranker', RERANKER_PATH],
  ['answerability network', 'answerability', ANSWERABILITY_PATH],
] as const)('the %s file', (_, key, original) => {
  it.each([
    ['missing', () => join(folder, `absent-${key}.json`), /is missing/],
    [
      'cut short',
      () => corruptCopy(`${key}-cut.json`, (bytes) => bytes.subarray(0, bytes.length / 2), original),
      /not JSON/,
    ],
    [
      'with an array of the wrong size',
      () => editedNetwork(`${key}-short.json`, original, (json) => (json.projection as number[]).pop()),
      /wrong size/,
    ],
    ['that is a folder', () => folder, /cannot be read/],
    [
      'trained on word vectors of other dimensions',
      () =>
        editedNetwork(`${key}-dims.json`, original, (json) => {
          json.dimensions = 50;
          json.projection = (json.projection as number[]).slice(0, (json.hidden as number) * 50);
        }),
      /word vectors of 50 dimensions, not 100/,
    ],
    [
      'with a value that is not a number',
      () => editedNetwork(`${key}-text.json`, original, (json) => (json.mlpBias = ['x'])),
      /mlpBias/,
    ],
  ])('GIVEN a file %s THEN no semantic data is used and one warning names the file', (_, pathOf, problem) => {
    const path = pathOf();
    const data = loadSemanticData({ [key]: path });
    expect(data).toMatchObject({ vectors: null, reranker: null, answerability: null });
    expect(data.warning?.file).toBe(path);
    expect(data.warning?.problem).toMatch(problem);
    expect(data.warning?.problem).toMatch(/exact words only/);
  });

  it('GIVEN an unusable file THEN the start-up log says it is not used, not that a document was skipped', () => {
    const data = loadSemanticData({ [key]: join(folder, `absent-${key}.json`) });
    expect(warningLine(data.warning!)).toMatch(
      new RegExp(`^not using .*absent-${key}\\.json: it is missing; /ask answers from exact words only`),
    );
    expect(warningLine({ file: 'broken.md', problem: 'is empty' })).toBe('skipped broken.md: it is empty');
  });

  it('GIVEN a corrupt file at start-up THEN /ask answers and refuses as the lexical model does, after one warning', async () => {
    await expectLexicalAfterOneWarning(
      loadSemanticData({ [key]: corruptCopy(`${key}-bad.json`, () => Buffer.from('{"top": 8'), original) }),
    );
  });
});
