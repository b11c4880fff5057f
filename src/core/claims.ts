/**
 * Splits a document into claims. Paragraphs are blank-line separated; a line that repeats the title
 * stands alone (and is not indexed twice); a paragraph without closing punctuation is a caption.
 */
import { findAttribution } from './attribution.js';
import type { Claim, ClaimKind } from './claim.js';
import type { SourceDocument } from './document.js';
import { fold } from './fold.js';
import { splitSentences } from './sentences.js';

interface Block {
  text: string;
  kind: ClaimKind;
  /** A repeat of the document's headline: numbered, but yields no claim. */
  repeat: boolean;
}

const HEADING = /^#{1,6}\s+/;
/** Longer than this, a heading or first line is a paragraph (as a caption is: claims.ts's body rule). */
export const LONGEST_HEADLINE = 400;
const TERMINAL = /[.!?\u2026:;]["'\u201D\u2019)\]]*$/u;

function comparable(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** Cuts the body into numbered blocks: headings and title lines alone, other lines joined. */
function blocksOf(document: SourceDocument): Block[] {
  const blocks: Block[] = [];
  let headlineSeen = false;
  const title = comparable(document.title);
  for (const paragraph of document.body.split(/\n[ \t]*\n/)) {
    let pending: string[] = [];
    const flush = (): void => {
      const text = pending.join(' ').replace(/\s+/g, ' ').trim();
      pending = [];
      if (text === '') return;
      blocks.push({
        text,
        kind: TERMINAL.test(text) || text.length > LONGEST_HEADLINE ? 'body' : 'caption',
        repeat: false,
      });
    };
    for (const line of paragraph.split('\n')) {
      const text = line.replace(HEADING, '').trim();
      // A "heading" of several sentences is a paragraph: quoted whole, it would hide the one that answers.
      const isHeading = HEADING.test(line) && text.length <= LONGEST_HEADLINE;
      const isTitle = text.length === document.title.length && comparable(text) === title;
      if (isHeading || isTitle) {
        flush();
        blocks.push({ text, kind: 'headline', repeat: isTitle && headlineSeen });
        if (isTitle) headlineSeen = true;
      } else {
        pending.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** The claims of a document, in reading order. */
export function claimsOf(document: SourceDocument): Claim[] {
  const claims: Claim[] = [];
  blocksOf(document).forEach((block, blockIndex) => {
    if (block.repeat) return;
    const sentences = block.kind === 'body' ? splitSentences(block.text) : [block.text];
    sentences.forEach((text, sentenceIndex) => {
      const paragraph = blockIndex + 1;
      const sentence = sentenceIndex + 1;
      const attribution = findAttribution(text);
      claims.push({
        id: `${document.id}#p${paragraph}.s${sentence}`,
        documentId: document.id,
        paragraph,
        sentence,
        kind: block.kind,
        text,
        ...(attribution ? { attribution } : {}),
      });
    });
  });
  return claims;
}
