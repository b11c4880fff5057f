/**
 * Writes models/name-words.txt: the words general English writes with a capital even inside a
 * sentence ("Putin", "NATO", "Romania"), so that a question typed in lower case ("what did putin
 * say") is read with its names, as the ranker and abstention were trained on cased questions.
 * Counted over the paragraphs of SQuAD v1.1 train (../shared/datasets/squad-train; never XQuAD):
 * a word is listed when at least NAME_SHARE of its appearances not opening a sentence, a quote or a
 * bracket are capitalised, in the capitalised form written most often; less the words that English
 * also uses as common words (wink-lexicon's tags: "us", "march", "turkey", "bill"), which a question
 * in lower case more likely means that way.
 *
 *   npx tsx scripts/name-words.ts [path to train-v1.1.json.gz]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import lexicon from 'wink-lexicon/src/lexicon.js';
import { z } from 'zod';
import { projectFile } from '../src/core/project-file.js';
import { STOP_WORDS } from '../src/core/stop-words.js';
import { tokenize } from '../src/core/terms.js';

/** Share of a word's mid-sentence appearances that must be capitalised: "usually", not "sometimes" ("war", "house"). */
const NAME_SHARE = 0.8;
/** Text between two words after which the next word opens a sentence, a quote or a bracket. */
const OPENING = /[.!?:;"“‘([]/u;

const squadSchema = z.object({
  articles: z.array(z.object({ paragraphs: z.array(z.object({ context: z.string() })) })),
});

const source = process.argv[2] ?? projectFile('../shared/datasets/squad-train/train-v1.1.json.gz');
const squad = squadSchema.parse(JSON.parse(gunzipSync(readFileSync(source)).toString('utf8')));

const seen = new Map<string, number>();
const capitalisedForms = new Map<string, Map<string, number>>();
for (const article of squad.articles) {
  for (const { context } of article.paragraphs) {
    let previousEnd = -1;
    for (const { surface, start } of tokenize(context)) {
      const opens = previousEnd < 0 || OPENING.test(context.slice(previousEnd, start));
      previousEnd = start + surface.length;
      if (opens || !/^\p{L}{2,}$/u.test(surface)) continue;
      const word = surface.toLowerCase();
      seen.set(word, (seen.get(word) ?? 0) + 1);
      if (surface === word) continue;
      const forms = capitalisedForms.get(word) ?? new Map<string, number>();
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
      capitalisedForms.set(word, forms);
    }
  }
}

const names: string[] = [];
for (const [word, forms] of capitalisedForms) {
  if (STOP_WORDS.has(word)) continue; // "it", "who": the capitals make them names, not the other way round
  if (lexicon[word]?.some((tag) => !tag.startsWith('NNP'))) continue;
  const capitalised = [...forms.values()].reduce((sum, count) => sum + count, 0);
  if (capitalised < NAME_SHARE * seen.get(word)!) continue;
  names.push([...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]);
}
names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
const out = projectFile('models/name-words.txt');
writeFileSync(out, `${names.join('\n')}\n`);
console.log(`${names.length} name words of ${seen.size} words seen inside sentences -> ${out}`);
