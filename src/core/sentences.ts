/**
 * Splits a paragraph into sentences. A period ends a sentence only when the next word starts one
 * and the word before it is not an abbreviation ("Gen.", "Jan.", "U.S.", an initial like "E.").
 */

// General English abbreviations that are followed by a capital or a number mid-sentence.
const ABBREVIATIONS = new Set(
  `mr mrs ms messrs dr prof gen col lt sgt capt cmdr adm maj brig sen rep gov pres st ste jr sr rev hon fr
  mt ft no nos vol fig op jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd plc bros vs
  etc approx dept est al univ ave blvd rd`.split(/\s+/),
);

// Terminal punctuation, closing quotes or brackets, then space, then what can start a sentence.
const BOUNDARY = /([.!?\u2026]+)(["'\u201D\u2019)\]]*)(\s+)(?=["'\u201C\u2018([]?[\p{Lu}\p{N}])/gu;

function endsWithAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  if (word === '') return false;
  if (/^\p{L}$/u.test(word)) return true; // an initial: "William E. Simon"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true; // a dotted acronym: "U.S." before its period
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The sentences of a paragraph, trimmed, in order; text is never altered inside a sentence. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(BOUNDARY)) {
    const [, stops, closers] = match;
    const end = match.index + stops!.length + closers!.length;
    if (stops === '.' && closers === '' && endsWithAbbreviation(paragraph.slice(start, match.index))) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences.filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}
