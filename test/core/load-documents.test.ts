import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimsOf } from '../../src/core/claims.js';
import { UserError } from '../../src/core/errors.js';
import { loadDocuments } from '../../src/core/load-documents.js';
import { warningLine } from '../../src/open-data.js';
import { dataFolder } from '../helpers.js';

const GOOD =
  '---\ntitle: Good report\nsource: Wire\nurl: https://example.com/good\npublished: 2025-02-20\ntags: [a, b]\n---\n\nFirst paragraph. Second sentence.\n';

describe('loading a data folder', () => {
  it('GIVEN front matter THEN title, source, url, published and tags are read and the body follows', async () => {
    const { documents, warnings } = await loadDocuments(dataFolder({ 'good.md': GOOD }));
    expect(warnings).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      id: 'good',
      title: 'Good report',
      titleFromFrontMatter: true,
      source: 'Wire',
      url: 'https://example.com/good',
      published: '2025-02-20',
      tags: ['a', 'b'],
      body: 'First paragraph. Second sentence.',
    });
  });

  it('GIVEN no front matter THEN the first line is the title, and .txt files load too', async () => {
    const { documents } = await loadDocuments(dataFolder({ 'plain.txt': 'A headline\n\nBody text here.' }));
    expect(documents[0]).toMatchObject({ id: 'plain', title: 'A headline', titleFromFrontMatter: false });
  });

  it('GIVEN one broken file of each kind THEN each is skipped with one warning naming it and the others still load', async () => {
    const folder = dataFolder({
      'good.md': GOOD,
      'empty.md': '  \n\n',
      'latin1.txt': Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
      'bad-yaml.md': '---\ntitle: [unclosed\n---\nText.',
      'unclosed.md': '---\ntitle: Never closed\nText.',
      'notes.json': '{}',
      'utf16.md': Buffer.from('Otters swim in the harbour.', 'utf16le'),
    });
    symlinkSync(join(folder, 'missing-target.md'), join(folder, 'unreadable.md'));
    const { documents, warnings } = await loadDocuments(folder);
    expect(documents.map((document) => document.id)).toEqual(['good']);
    const problems = Object.fromEntries(warnings.map((warning) => [warning.file, warning.problem]));
    expect(Object.keys(problems).sort()).toEqual([
      'bad-yaml.md',
      'empty.md',
      'latin1.txt',
      'unclosed.md',
      'unreadable.md',
      'utf16.md',
    ]);
    expect(problems['utf16.md']).toMatch(/NUL bytes.*re-save it as UTF-8/);
    expect(problems['empty.md']).toMatch(/empty/);
    expect(problems['latin1.txt']).toMatch(/not UTF-8/);
    expect(problems['bad-yaml.md']).toMatch(/not valid YAML/);
    expect(problems['unclosed.md']).toMatch(/never closes/);
    expect(problems['unreadable.md']).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('GIVEN a bad front matter field THEN the document loads without that field, with a warning naming it', async () => {
    const folder = dataFolder({
      'linked.md':
        '---\ntitle: Harbour notes\nurl: javascript:alert(1)\npublished: last Tuesday\n---\nThe harbour reopened.',
    });
    const { documents, warnings } = await loadDocuments(folder);
    expect(documents).toEqual([expect.objectContaining({ id: 'linked', title: 'Harbour notes' })]);
    expect(documents[0]).not.toHaveProperty('url');
    expect(documents[0]).not.toHaveProperty('published');
    expect(warnings.map((warning) => warningLine(warning))).toEqual([
      expect.stringMatching(
        /^loaded linked\.md, but it has a front matter field `url` that must be a full http\(s\) URL.*: left out$/,
      ),
      expect.stringMatching(
        /^loaded linked\.md, but it has a front matter field `published` that must be an ISO date.*: left out$/,
      ),
    ]);
  });

  it('GIVEN a url or source longer than a chat message can cite THEN the document loads without it, with a warning', async () => {
    const folder = dataFolder({
      'tracked.md': `---\ntitle: Canal tolls\nsource: ${'Wire '.repeat(100)}\nurl: https://example.com/a?${'t=1&'.repeat(600)}\n---\nThe canal toll doubled.`,
    });
    const { documents, warnings } = await loadDocuments(folder);
    expect(documents).toEqual([expect.objectContaining({ id: 'tracked', title: 'Canal tolls' })]);
    expect(documents[0]).not.toHaveProperty('url');
    expect(documents[0]).not.toHaveProperty('source');
    expect(warnings.map((warning) => warningLine(warning))).toEqual([
      expect.stringMatching(/`source` that must be at most 300 characters: left out$/),
      expect.stringMatching(/`url` that must be at most 2000 characters: left out$/),
    ]);
  });

  it('GIVEN a first line that is a paragraph, or a title too long to show THEN the document is titled by its opening words and its sentences are claims of their own', async () => {
    const sentences = Array.from(
      { length: 60 },
      (_, i) => `The council member number ${i} spoke about topic ${i * 7}.`,
    );
    const folder = dataFolder({
      'plain.txt': `${sentences.join(' ')}\n\nA second paragraph.\n`,
      'titled.md': `---\ntitle: ${'x'.repeat(1000)}\n---\n\nThe otter swims in the harbour.\n`,
    });
    const { documents, warnings } = await loadDocuments(folder);
    const plain = documents.find((document) => document.id === 'plain')!;
    expect(plain.title).toMatch(/^The council member number 0 spoke about topic 0\. .*…$/);
    expect(plain.title.length).toBeLessThanOrEqual(121);
    const claims = claimsOf(plain).filter((claim) => claim.paragraph === 1);
    expect(claims).toHaveLength(60);
    expect(claims[7]).toMatchObject({ kind: 'body', text: sentences[7] });
    expect(documents.find((document) => document.id === 'titled')!.title).toBe('The otter swims in the harbour.');
    expect(warnings.map((warning) => warning.problem)).toEqual([
      expect.stringMatching(/front matter field `title` that must be at most 300 characters: left out/),
    ]);
  });

  it('GIVEN a folder with no documents THEN start-up fails with an error that says what to do', async () => {
    const attempt = loadDocuments(dataFolder({ 'readme.json': '{}' }));
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/No documents to serve .*add \.md or \.txt files/);
  });

  it('GIVEN only broken documents THEN the error lists why each was skipped', async () => {
    await expect(loadDocuments(dataFolder({ 'empty.md': '' }))).rejects.toThrow(/empty\.md is empty/);
  });

  it('GIVEN many broken documents and no good one THEN the error names a few, counts the rest, and shows the folder as given', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`empty-${String(i).padStart(2, '0')}.md`, '']),
    );
    const folder = dataFolder(files);
    const attempt = loadDocuments(folder);
    await expect(attempt).rejects.toThrow(
      /\(40 skipped: empty-00\.md is empty; .*empty-04\.md is empty; and 35 more\)/,
    );
    await expect(attempt).rejects.toThrow(`No documents to serve in ${folder} (`);
  });

  it('GIVEN a folder that does not exist THEN the error names it', async () => {
    await expect(loadDocuments('/nonexistent/briefbot-data')).rejects.toThrow(
      /\/nonexistent\/briefbot-data does not exist/,
    );
  });
});
