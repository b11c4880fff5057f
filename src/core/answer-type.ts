/**
 * The kind of answer a question asks for ("how many" wants a number, "when" a date, "who" a name,
 * "where" a place), and whether a sentence holds one that the question does not already contain.
 * The learned ranker weighs these signals (ranking-features.ts); nothing here is a fixed bonus.
 */
import { toTerm } from './terms.js';

export type AnswerType = 'number' | 'date' | 'name' | 'place' | 'any';

const NUMBER_QUESTION =
  /\bhow (many|much|long|old|far|large|big|often|tall|high|deep|wide|fast)\b|\bwhat (percentage|percent|number|amount|proportion|fraction)\b/i;
const DATE_QUESTION = /\bwhen\b|\b(what|which|in what|in which) (year|date|day|month|century|decade|era|period)\b/i;
const NAME_QUESTION =
  /^\s*(who|whom|whose)\b|\b(who|whom|whose) (was|is|were|are|did|does|had|has)\b|\b(what|which) (company|team|organi[sz]ation|group|person|university|band|party|newspaper|network)\b/i;
const PLACE_QUESTION =
  /\bwhere\b|\b(what|which|in what|in which) (city|country|state|place|region|continent|river|town|island|province|county|area|location|nation)\b/i;

// The word that names the kind of answer ("how MANY", "what YEAR") says little about where it is.
const FRAME_WORD =
  /\bhow (many|much|long|old|far|large|big|often|tall|high|deep|wide|fast)\b|\b(?:what|which) (year|date|day|month|century|decade|percentage|percent|number|amount|proportion|kind|type|sort|name)\b/gi;
// Words of a request rather than of its subject ("tell me about NATO", "what does X say").
const REQUEST_WORD =
  /\b(tell|explain|describe|summari[sz]e|know|info|information|details?|anything|say|says|said|mean|means)\b/gi;

/** Terms of the words that only frame the question ("many" in "how many", "tell" in "tell me about"). */
export function frameTermsOf(question: string): Set<string> {
  const terms = new Set<string>();
  for (const match of [...question.matchAll(FRAME_WORD), ...question.matchAll(REQUEST_WORD)]) {
    const term = toTerm(match[1] ?? match[2] ?? '');
    if (term) terms.add(term);
  }
  return terms;
}

/** The answer type a question asks for. */
export function answerTypeOf(question: string): AnswerType {
  if (NUMBER_QUESTION.test(question)) return 'number';
  if (DATE_QUESTION.test(question)) return 'date';
  if (NAME_QUESTION.test(question)) return 'name';
  if (PLACE_QUESTION.test(question)) return 'place';
  return 'any';
}

const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half|twice|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/i;
/** A capitalised word after a preposition of place ("in Smardan", "near Galati"). */
const PLACE_NAME = /\b(?:in|at|near|from|to|into|across|outside|inside|throughout)\s+(?:the\s+)?(\p{Lu}[\p{L}'’.-]+)/gu;
const MONTHS =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

/** Whether the sentence offers an answer of that type beyond the words of the question. */
export function offersAnswerType(type: AnswerType, sentence: string, questionTerms: ReadonlySet<string>): boolean {
  switch (type) {
    case 'any':
      return false;
    case 'number':
      return (
        [...sentence.matchAll(/\d[\d,.]*/g)].some((m) => !questionTerms.has(m[0].replace(/,/g, ''))) ||
        NUMBER_WORDS.test(sentence)
      );
    case 'date':
      return (
        [...sentence.matchAll(/\b(1\d{3}|20\d{2})s?\b/g)].some((m) => !questionTerms.has(m[1]!)) ||
        [...sentence.matchAll(new RegExp(MONTHS.source, 'gi'))].some((m) => !questionTerms.has(toTerm(m[0]) ?? '')) ||
        (/\b\d{1,2}(st|nd|rd|th)\b/.test(sentence) && /century|decade/i.test(sentence))
      );
    case 'name':
      return [...sentence.matchAll(/(?<=\S\s+)\p{Lu}[\p{L}'’.-]+/gu)].some((m) => {
        const term = toTerm(m[0]);
        return term !== null && !questionTerms.has(term);
      });
    case 'place':
      return [...sentence.matchAll(PLACE_NAME)].some((m) => {
        const term = toTerm(m[1]!);
        return term !== null && !questionTerms.has(term);
      });
  }
}
