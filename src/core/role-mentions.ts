/**
 * People a document names by their role: news introduces "Ukraine's President Volodymyr Zelensky"
 * or "Michael Raftery, project manager at the Hansard Society" once, then writes "the Ukrainian
 * President" or "the project manager". A question that names the person ("What did Trump say about
 * Zelensky?") should find those sentences as if they named him, so each sentence gets the names its
 * role mentions stand for, resolved within its own document. Only a mention that fits exactly one
 * person is resolved: "the president" of an article with two presidents stays unresolved.
 */
import { STOP_WORDS } from './stop-words.js';
import { isAllCaps, tokenize, type Token } from './terms.js';

/**
 * Role words a person is introduced by, one word each ("Gen." is general; "general" and "chief" are
 * left out: "general election", "chief executive" use them as adjectives far more often).
 */
const ROLES = new Map<string, string>(
  [
    ...['president', 'premier', 'chancellor', 'minister', 'secretary', 'envoy', 'ambassador', 'governor'],
    ...['mayor', 'senator', 'congressman', 'congresswoman', 'king', 'queen', 'prince', 'princess', 'emperor'],
    ...['pope', 'chairman', 'chairwoman', 'ceo', 'director', 'manager', 'spokesman', 'spokeswoman'],
    ...['spokesperson', 'coach', 'captain', 'leader', 'commander', 'founder', 'boss', 'judge'],
    ...['prosecutor', 'editor', 'economist', 'analyst', 'professor', 'chairperson', 'commissioner'],
  ]
    .map((role): [string, string] => [role, role])
    .concat([['gen', 'general']]),
);
/** Roles "the leader" may stand for (heads of a country or a party). */
const LEADS = new Set(['president', 'premier', 'chancellor', 'king', 'queen', 'emperor', 'leader']);
const ROLE_WORD = new RegExp(String.raw`\b(?:${[...ROLES.keys()].join('|')})\b`, 'i');
/** Words between a role and a name that introduce what the role is of ("Envoy for Ukraine and Russia Keith Kellogg"). */
const COMPLEMENT = new Set(['for', 'of', 'at', 'to']);
/** Words after a role that go on with its noun phrase (a preposition or a relative pronoun), unlike a verb. */
const NOUN_PHRASE_GOES_ON = new Set(['of', 'at', 'for', 'to', 'from', 'with', 'in', 'on', 'who', 'which', 'whose']);
/** Lower-case words that may stand between "the" and a role ("the prime minister", "the former president"). */
const QUALIFIERS = new Set(['prime', 'deputy', 'vice', 'foreign', 'home', 'former', 'shadow', 'acting', 'interim']);
/** Titles before a name that are not part of it. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr']);
const MODIFIERS_KEPT = 3;
/**
 * Most introductions kept per document: a report introduces a few dozen people, and each mention
 * is checked against every one kept (20,000 introductions and as many mentions took 54 s).
 */
const PEOPLE_KEPT = 200;

/** A person introduced with a role somewhere in the document. */
interface Introduced {
  role: string;
  /** Qualifying words before the role or in its complement, folded: "ukraine", "us", "special", "former". */
  modifiers: string[];
  /** A lower-case word joined to a lower-case role ("welfare" minister, "investment" analyst). */
  compound: string[];
  name: string;
}

const isCapitalised = (surface: string): boolean => /^\p{Lu}/u.test(surface);
/** A word that may be part of a person's name: capitalised, not a stop word ("In", "The") nor in capitals ("ODPM"). */
const mayBeName = (surface: string): boolean =>
  isCapitalised(surface) && !STOP_WORDS.has(surface.toLowerCase()) && !isAllCaps(surface);
/** A name as written, without a title before it or a possessive after it ("Mr Brown's": "Brown"). */
const nameText = (tokens: Token[]): string | undefined => {
  const words = tokens.map((t) => t.surface.replace(/['\u2019]s$/u, ''));
  while (words.length > 0 && HONORIFICS.has(words[0]!.toLowerCase())) words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
};
const folded = (surface: string): string =>
  surface
    .toLowerCase()
    .replace(/['\u2019]s$/u, '')
    .replace(/\./g, '');
/** The role a word names, possessive or not ("the president's"). */
const roleOf = (token: Token | undefined): string | undefined => (token ? ROLES.get(folded(token.surface)) : undefined);

/** Whether two tokens are adjacent words (a space or a hyphen between them: "Sven-Goran Eriksson"). */
function adjacent(text: string, left: Token, right: Token): boolean {
  return /^(?:\s+|-)$/u.test(text.slice(left.start + left.surface.length, right.start));
}
/** A word that may qualify a role: capitalised ("Ukrainian", "US") or a qualifier ("former", "prime"). */
const qualifies = (surface: string): boolean => isCapitalised(surface) || QUALIFIERS.has(surface);

/** The words right after index `from` that form a name, or none (a role word ends it). */
function nameAt(text: string, tokens: Token[], from: number): Token[] {
  const name: Token[] = [];
  for (let i = from; i < tokens.length && name.length < 4; i++) {
    const token = tokens[i]!;
    if (!mayBeName(token.surface) || roleOf(token) !== undefined) break;
    if (name.length > 0 && !adjacent(text, name[name.length - 1]!, token)) break;
    name.push(token);
  }
  return name;
}

/**
 * The qualifying words right before index `at`, in order, folded, and a lower-case word joined to
 * a role in lower case ("welfare minister Frank Field" is no "culture minister").
 */
function modifiersBefore(text: string, tokens: Token[], at: number): { modifiers: string[]; compound: string[] } {
  const modifiers: string[] = [];
  const compound: string[] = [];
  const lowerRole = !isCapitalised(tokens[at]!.surface);
  for (let i = at - 1; i >= 0 && modifiers.length < MODIFIERS_KEPT; i--) {
    const token = tokens[i]!;
    if (!adjacent(text, token, tokens[i + 1]!)) break;
    if (qualifies(token.surface)) modifiers.unshift(folded(token.surface));
    else if (lowerRole && i === at - 1 && !STOP_WORDS.has(token.surface)) compound.push(token.surface);
    else break;
  }
  return { modifiers, compound };
}

/** A role's complement ("of the Commons", "for Ukraine and Russia"): the index after its last word. */
function complementEnd(text: string, tokens: Token[], at: number): number {
  if (!COMPLEMENT.has(tokens[at + 1]?.surface ?? '')) return at + 1;
  let end = at + 2;
  while (
    end < tokens.length &&
    (isCapitalised(tokens[end]!.surface) || ['and', 'the'].includes(tokens[end]!.surface)) &&
    adjacent(text, tokens[end - 1]!, tokens[end]!)
  )
    end++;
  return end;
}

/** The role's name, and the capitalised words of its complement (they qualify it as its modifiers do). */
interface Naming {
  name: string;
  complement: string[];
}

/** The name a role at index `at` introduces: right after it, after what it is of, or before it in apposition. */
function introducedName(text: string, tokens: Token[], at: number): Naming | undefined {
  const after = adjacentName(text, tokens, at);
  // "President Mr" names nobody: a title alone is no name.
  if (after.length > 0) {
    const name = nameText(after);
    return name === undefined ? undefined : { name, complement: [] };
  }
  const end = complementEnd(text, tokens, at);
  const complementOf = (last: number): string[] =>
    tokens
      .slice(at + 2, last)
      .filter((t) => isCapitalised(t.surface))
      .map((t) => folded(t.surface));
  // "Envoy for Ukraine and Russia Keith Kellogg": the last two words of the run are the name.
  const last = tokens.slice(end - 2, end);
  const lastName = end - (at + 2) >= 3 && last.every((t) => mayBeName(t.surface)) ? nameText(last) : undefined;
  if (lastName !== undefined) return { name: lastName, complement: complementOf(end - 2) };
  // An apposition is a noun phrase: the role ends a clause or goes on with a preposition ("Naik,
  // an analyst from ING"), not with a verb ("Rice, the prime minister said").
  const closes =
    tokens[end] === undefined ||
    /^\s*[,;:)\u2013\u2014-]/u.test(text.slice(tokens[end - 1]!.start + tokens[end - 1]!.surface.length)) ||
    NOUN_PHRASE_GOES_ON.has(tokens[at + 1]!.surface);
  const name = closes ? appositiveName(text, tokens, at) : undefined;
  return name === undefined ? undefined : { name, complement: complementOf(end) };
}

/** The name right after a role ("President Donald Trump"), nothing but a space between. */
function adjacentName(text: string, tokens: Token[], at: number): Token[] {
  const next = tokens[at + 1];
  return next && adjacent(text, tokens[at]!, next) ? nameAt(text, tokens, at + 1) : [];
}

/** The name a role stands in apposition to ("Name, the Role" or "Name, Role"), if any. */
function appositiveName(text: string, tokens: Token[], at: number): string | undefined {
  const commaBefore = (i: number): boolean => text.slice(tokens[i - 1]!.start, tokens[i]!.start).includes(',');
  let start = at;
  while (start > 0 && at - start < MODIFIERS_KEPT && !commaBefore(start)) start--;
  if (start === 0 || !commaBefore(start)) return undefined;
  const name: Token[] = [];
  for (let i = start - 1; i >= 0 && name.length < 4; i--) {
    const token = tokens[i]!;
    if (!mayBeName(token.surface) || roleOf(token) !== undefined) break;
    if (name.length > 0 && !adjacent(text, token, name[0]!)) break;
    name.unshift(token);
  }
  // Two words at least: "Smith, director of..." after a sentence's first word is too often not a name.
  return name.length >= 2 ? nameText(name) : undefined;
}

/** People one sentence introduces with a role ("President Donald Trump"); returns the roles' indexes. */
function introducedIn(text: string, tokens: Token[], found: Introduced[]): Set<number> {
  const at = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const role = roleOf(tokens[i]);
    const naming = role === undefined ? undefined : introducedName(text, tokens, i);
    if (role === undefined || naming === undefined) continue;
    const { modifiers, compound } = modifiersBefore(text, tokens, i);
    if (found.length < PEOPLE_KEPT)
      found.push({ role, modifiers: [...modifiers, ...naming.complement], compound, name: naming.name });
    at.add(i);
  }
  return at;
}

/** Whether a country's word and its people's ("Ukraine", "Ukrainian") or two spellings ("US", "U.S.") agree. */
function sameOrigin(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 4 && common >= Math.min(a.length, b.length) - 2;
}

/**
 * The person a role mention ("the Ukrainian President") stands for, when exactly one fits: one
 * introduced with the same role and the same qualifiers ("Ukraine's President Volodymyr Zelensky"),
 * else one introduced with the role alone ("President Donald Trump" for "the US President"). A
 * person introduced with qualifiers the mention lacks ("former chancellor Ken Clarke", "Italian
 * Prime Minister Silvio Berlusconi") is not "the chancellor" or "the prime minister", and a
 * mention with a qualifier ("the prime minister", "the former president") needs one introduced so.
 */
function resolve(role: string, modifiers: string[], people: Introduced[]): string | undefined {
  const same = new Set<string>();
  const bare = new Set<string>();
  const agrees = (a: string[], b: string[]): boolean => a.every((m) => b.some((p) => sameOrigin(m, p)));
  for (const person of people) {
    // "the Ukrainian leader" is "Ukraine's President": the role word itself may differ, not the qualifiers.
    const led = role === 'leader' && person.role !== role;
    if (person.role !== role && !(led && LEADS.has(person.role))) continue;
    const qualifiers = person.modifiers.filter((m) => !(led && m === 'prime'));
    const all = [...qualifiers, ...person.compound];
    if (qualifiers.length === 0 && !led) bare.add(person.name);
    // A mention may name the compound or leave it out: "the culture secretary", "the secretary".
    for (const written of [qualifiers, all])
      if (written.length > 0 && agrees(modifiers, written) && agrees(written, modifiers)) same.add(person.name);
  }
  // "the prime minister" or "the former president" is not any minister or president.
  const fitting = same.size > 0 || modifiers.some((m) => QUALIFIERS.has(m)) ? same : bare;
  return fitting.size === 1 ? [...fitting][0] : undefined;
}

/** Whether every word but the stop words is capitalised, as in a headline written in title case. */
function inTitleCase(tokens: Token[]): boolean {
  const words = tokens.filter((token) => /^\p{L}/u.test(token.surface) && !STOP_WORDS.has(token.surface));
  return words.length >= 3 && words.every((token) => isCapitalised(token.surface));
}

/** A role mention and the person it stands for. */
export interface RoleMention {
  name: string;
  /** The mention's words as written, without "the" ("Ukrainian", "President"). */
  words: string[];
}

/** The role mentions of a sentence that stand for someone ("the US President" -> "Donald Trump"). */
function mentionedIn(
  text: string,
  tokens: Token[],
  introducing: Set<number>,
  resolve: (role: string, modifiers: string[]) => string | undefined,
): RoleMention[] {
  const mentions: RoleMention[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const role = roleOf(tokens[i]);
    if (role === undefined || introducing.has(i) || adjacentName(text, tokens, i).length > 0) continue;
    // "the [Ukrainian] President", "the prime minister": "the", then at most two capitalised or qualifying words.
    let article = i - 1;
    while (article >= 0 && i - article <= 3 && tokens[article]!.surface.toLowerCase() !== 'the') article--;
    if (article < 0 || i - article > 3) continue;
    const span = tokens.slice(article, i + 1);
    if (span.some((token, k) => k > 0 && !adjacent(text, span[k - 1]!, token))) continue;
    const between = span.slice(1, -1).map((t) => t.surface);
    if (!between.every(qualifies)) continue;
    const name = resolve(role, between.map(folded));
    if (name !== undefined) mentions.push({ name, words: span.slice(1).map((t) => t.surface) });
  }
  return mentions;
}

/**
 * For each sentence of one document, its role mentions that stand for someone (empty for most).
 * Sentences without a role word cost one regular-expression test.
 */
export function roleMentions(sentences: readonly string[]): RoleMention[][] {
  const mentions: RoleMention[][] = sentences.map(() => []);
  const withRoles: [number, Token[], Set<number>][] = [];
  const people: Introduced[] = [];
  sentences.forEach((text, i) => {
    if (!ROLE_WORD.test(text)) return;
    const tokens = tokenize(text);
    if (inTitleCase(tokens)) return; // "Peru President Resigns": every word looks like a name
    withRoles.push([i, tokens, introducedIn(text, tokens, people)]);
  });
  if (people.length === 0) return mentions;
  // The same mention ("the president") recurs: each kind is resolved once per document.
  const memo = new Map<string, string | undefined>();
  const resolved = (role: string, modifiers: string[]): string | undefined => {
    const key = `${role} ${modifiers.join(' ')}`;
    if (!memo.has(key)) memo.set(key, resolve(role, modifiers, people));
    return memo.get(key);
  };
  for (const [i, tokens, introducing] of withRoles)
    mentions[i] = mentionedIn(sentences[i]!, tokens, introducing, resolved);
  return mentions;
}

/** For each sentence of one document, the names its role mentions stand for, each once. */
export function roleMentionNames(sentences: readonly string[]): string[][] {
  return roleMentions(sentences).map((mentions) => [...new Set(mentions.map((mention) => mention.name))]);
}
