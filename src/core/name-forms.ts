/**
 * A place and its adjective ("Europe" and "European", "Ukraine" and "Ukrainian", "China" and
 * "Chinese"): a question names one, a document the other ("Why does the deal matter to Europe?"
 * against "...reassure both Ukraine and its European allies"). The stemmer keeps them apart, so a
 * capitalised question word gets the other forms that English builds with these endings, and a
 * form counts only where the documents use it and, with word vectors, the two words are near.
 */

/** [ending to take off, ending to put on], noun to adjective; read the other way, adjective to noun. */
const ENDINGS: readonly (readonly [string, string])[] = [
  ['', 'an'], // Europe, European; Korea, Korean
  ['', 'n'], // Russia, Russian; America, American
  ['', 'ian'], // Brazil, Brazilian; Iran, Iranian
  ['e', 'ian'], // Ukraine, Ukrainian
  ['a', 'ian'], // Canada, Canadian
  ['y', 'ian'], // Italy, Italian
  ['', 'ese'], // Japan, Japanese
  ['a', 'ese'], // China, Chinese
  ['y', ''], // Germany, German
  ['ey', 'ish'], // Turkey, Turkish
  ['en', 'ish'], // Sweden, Swedish
  ['and', 'ish'], // Poland, Polish
];

/** Least cosine between a name and its other form in the word vectors ("Ira" and "Iran": 0.24). */
export const NEAR_FORM = 0.5;

/** Shortest name whose forms are tried: "Ira" is not "Iran" without its adjective's ending. */
const MIN_NAME = 4;

function swapEnding(word: string, from: string, to: string): string | undefined {
  if (!word.endsWith(from) || word.length - from.length < MIN_NAME - 1) return undefined;
  return word.slice(0, word.length - from.length) + to;
}

/**
 * The other forms of a capitalised word, as written ("Europe" -> "European", "Europea", ...): most
 * are not words; the caller keeps those the documents use.
 */
export function nameForms(word: string): string[] {
  if (word.length < MIN_NAME || !/^\p{Lu}\p{Ll}+$/u.test(word)) return [];
  const forms = new Set<string>();
  for (const [noun, adjective] of ENDINGS) {
    const asAdjective = swapEnding(word, noun, adjective);
    if (asAdjective !== undefined) forms.add(asAdjective);
    const asNoun = adjective === '' ? word + noun : swapEnding(word, adjective, noun);
    if (asNoun !== undefined) forms.add(asNoun);
  }
  forms.delete(word);
  return [...forms];
}
