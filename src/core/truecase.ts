/**
 * A question typed in lower case, read with its names: "what did putin say" is analysed as "what did
 * Putin say". The ranker and abstention learned from cased questions, and names are found by their
 * capitals (a name the documents never use is strong evidence that they do not answer), so a chat
 * user's lower case would otherwise read as a question without names. Only words that general English
 * writes capitalised inside a sentence are raised (models/name-words.txt, from
 * scripts/name-words.ts); words typed with a capital are left as typed.
 */
import { readFileSync } from 'node:fs';
import { projectFile } from './project-file.js';
import { tokenize } from './terms.js';

export const NAME_WORDS_PATH = projectFile('models/name-words.txt');

let nameWords: ReadonlyMap<string, string> | undefined;

/** The capitalised form of each name word by its lower case; empty when the file cannot be read. */
function shippedNameWords(): ReadonlyMap<string, string> {
  if (!nameWords) {
    let lines: string[] = [];
    try {
      lines = readFileSync(NAME_WORDS_PATH, 'utf8').split('\n');
    } catch {
      // Without the list, lower-case questions are read as typed: answers stay right, abstention less sure.
    }
    nameWords = new Map(lines.filter(Boolean).map((form) => [form.toLowerCase(), form]));
  }
  return nameWords;
}

const LOWER_WORD = /^(\p{Ll}+)((?:['’]s)?)$/u;

/** The question with each lower-case name word in its usual capitals ("putin's" -> "Putin's"). */
export function truecased(question: string, names: ReadonlyMap<string, string> = shippedNameWords()): string {
  let out = '';
  let from = 0;
  for (const { surface, start } of tokenize(question)) {
    const match = LOWER_WORD.exec(surface);
    const form = match && names.get(match[1]!);
    if (!form) continue;
    out += question.slice(from, start) + form + match[2];
    from = start + surface.length;
  }
  return from === 0 ? question : out + question.slice(from);
}
