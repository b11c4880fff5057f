/** Where a quoted sentence comes from: what every cited snippet and event carries. */
import type { Claim } from './claim.js';
import type { DocumentInfo } from './document.js';

export interface Citation {
  /** Document id. */
  document: string;
  title: string;
  paragraph: number;
  sentence: number;
  /** The claim's stable id, `<document>#p<paragraph>.s<sentence>`. */
  claim: string;
  url: string | null;
  /** Who the sentence attributes itself to, when it says. */
  attribution: string | null;
}

/** The citation of a claim in its document (its attribution read from the sentence when first asked for). */
export function citationOf(claim: Claim, document: DocumentInfo | undefined): Citation {
  return {
    document: claim.documentId,
    title: document?.title ?? claim.documentId,
    paragraph: claim.paragraph,
    sentence: claim.sentence,
    claim: claim.id,
    url: document?.url ?? null,
    get attribution(): string | null {
      return claim.attribution ?? null;
    },
  };
}
