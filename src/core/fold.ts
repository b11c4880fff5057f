/** Text folding shared by indexing and querying, so both sides see the same characters. */

const CURLY_QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
};

/** Straightens curly quotes and apostrophes; keeps everything else as written. */
export function straightenQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033]/g, (c) => CURLY_QUOTES[c] ?? c);
}

/** Lower-cases, strips accents (é -> e) and straightens quotes: the form terms are compared in. */
export function fold(text: string): string {
  return straightenQuotes(text)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
