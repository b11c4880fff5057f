/** A claim: one sentence of a document, with a stable place that a citation can point at. */
export type ClaimKind = 'headline' | 'caption' | 'body';

export interface Claim {
  /** `<document id>#p<paragraph>.s<sentence>`, 1-based, stable while the document is unchanged. */
  id: string;
  /** Id of the document it comes from. */
  documentId: string;
  /** 1-based paragraph number in the document. */
  paragraph: number;
  /** 1-based sentence number within the paragraph. */
  sentence: number;
  /** A headline, a photo caption, or body text. */
  kind: ClaimKind;
  /** The sentence verbatim. */
  text: string;
  /** Who the sentence attributes itself to ("NBC News"), when it says. */
  attribution?: string;
}
