/**
 * Finds who a sentence attributes its claim to ("According to NBC News, ...", "..., officials said.").
 * Only explicit reporting phrases count; an unattributed sentence gets none.
 */

const NAME = String.raw`((?:the\s+)?[\p{Lu}\p{N}][\p{L}\p{N}'’&.\-]*(?:\s+(?:of|for|the|and|de|[\p{Lu}\p{N}][\p{L}\p{N}'’&.\-]*)){0,7})`;
const SPEECH_VERBS = `(?:said|says|told|reported|reports|announced|stated|claimed|claims|confirmed|warned|wrote|added)`;

const LEADING_ACCORDING = new RegExp(String.raw`^According to\s+${NAME}\s*,`, 'u');
const TRAILING_ACCORDING = new RegExp(String.raw`,\s*according to\s+${NAME}[.!?"'”’]*$`, 'iu');
const TRAILING_SAID = new RegExp(String.raw`,["'”’]?\s+${NAME}\s+${SPEECH_VERBS}[.!?]*$`, 'u');
const LEADING_SAID = new RegExp(String.raw`^${NAME}\s+${SPEECH_VERBS}\b`, 'u');

// "He said" names nobody a reader can check.
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'this', 'that']);

/**
 * What every pattern needs somewhere in the sentence: "according to", or a reporting verb after a
 * space. Most sentences have neither, and this one scan spares them the patterns' backtracking
 * (ranking asks it of every candidate claim).
 */
const NEEDED = new RegExp(String.raw`according to|\s${SPEECH_VERBS}`, 'iu');

/** The source a sentence attributes itself to, or undefined. */
export function findAttribution(sentence: string): string | undefined {
  if (!NEEDED.test(sentence)) return undefined;
  for (const pattern of [LEADING_ACCORDING, TRAILING_ACCORDING, TRAILING_SAID, LEADING_SAID]) {
    // A final period belongs to the sentence, unless it closes an abbreviation ("the U.S.").
    const name = pattern
      .exec(sentence)?.[1]
      ?.trim()
      .replace(/(?<=\p{L}\p{L})\.$/u, '');
    if (name && name.length <= 80 && !PRONOUNS.has(name.toLowerCase())) return name;
  }
  return undefined;
}
