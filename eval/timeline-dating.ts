/**
 * `npm run eval:dating`: how often /timeline gives a date written without its year the right year.
 * The gold comes from the text itself: every full date a Timeline17 article writes with its year
 * ("February 14 2003", "7 March 2005") is read again with the year taken out, in the same place of
 * the same article (after the same earlier sentences of its paragraph), and the year read back is
 * compared with the year the writer gave. Writers spell the year out mostly when it is not the
 * report's own, so this is a hard set, not the usual mix; the share of such dates that fall in the
 * report's year is printed beside the accuracy so the two can be told apart.
 */
import { claimsOf } from '../src/core/claims.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { parseIso } from '../src/core/timeline/calendar.js';
import { mentionsIn, type NarrativeContext } from '../src/core/timeline/temporal.js';
import { SHARED } from './golden.js';
import { TOPICS } from './timeline/t17-topics.js';

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
// "March 7, 2003", "March 7 2003", "7 March 2003": the day, then the year to take out.
const FULL_DATE = new RegExp(
  String.raw`\b(${MONTH}\s+\d{1,2}|\d{1,2}\s+${MONTH}),?\s+((?:19|20)\d{2})\b(?!\s*\d|\.\d)`,
  'g',
);

const CLOCK = /\b\d{1,2}[:.]\d{2}\b/;

let total = 0;
let right = 0;
let reportYear = 0;
let missed = 0;
for (const topic of TOPICS) {
  const { documents } = await loadDocuments(`${SHARED}datasets/t17/${topic}/docs`);
  for (const document of documents) {
    const published = document.published ? parseIso(document.published.slice(0, 10)) : undefined;
    if (!published) continue;
    const reference = { date: published, inferred: false };
    const claims = claimsOf(document);
    let context: NarrativeContext = {};
    claims.forEach((claim, position) => {
      if (position > 0 && claim.paragraph !== claims[position - 1]!.paragraph) context = {};
      for (const match of claim.text.matchAll(FULL_DATE)) {
        // A timestamp ("January 30, 2011 at 9:47 am", "Tuesday 4 January 2005 08.43 GMT") dates a page, not an event.
        if (CLOCK.test(claim.text.slice(Math.max(0, match.index - 32), match.index + match[0].length + 20))) continue;
        const year = Number(match[2]);
        // The sentence as if the writer had left this year out (the earlier ones in it stay).
        const without = claim.text.slice(0, match.index) + match[1]! + claim.text.slice(match.index + match[0].length);
        const read = mentionsIn(without, reference, { ...context }).find(
          (mention) => mention.index <= match.index && match.index < mention.index + mention.expression.length + 1,
        );
        total++;
        if (year === published.year) reportYear++;
        if (!read || read.date.day === undefined) missed++;
        else if (read.date.year === year) right++;
      }
      mentionsIn(claim.text, reference, context);
    });
  }
}
const share = (count: number): string => `${((100 * count) / total).toFixed(1)}%`;
console.log(
  `${total} full dates read again without their year: right year ${share(right)}, wrong year ${share(total - right - missed)}, not read as a day ${share(missed)}; ${share(reportYear)} of them are in the report's own year`,
);
