/**
 * Temporal expressions in one sentence (src/core/timeline/temporal.ts): the date each gives, at
 * the precision the words support, read against the document's reference date, with honest
 * approximation and modality.
 */
import { describe, expect, it } from 'vitest';
import type { Reference } from '../../../src/core/timeline/mention.js';
import { mentionsIn, type NarrativeContext } from '../../../src/core/timeline/temporal.js';

const published: Reference = { date: { year: 2025, month: 4, day: 15 }, inferred: false };
const inferred: Reference = { date: { year: 2025, month: 4, day: 15 }, inferred: true };

const datesIn = (sentence: string, reference: Reference | null = published) =>
  mentionsIn(sentence, reference ?? undefined).map(({ date, approximate, modality, end, label }) => ({
    date,
    approximate,
    modality,
    ...(end ? { end } : {}),
    ...(label ? { label } : {}),
  }));

describe('temporal expressions', () => {
  it('GIVEN a full date THEN it is a day, reported, not approximate', () => {
    expect(datesIn('The ministers met on February 20, 2025 in Riyadh.')).toEqual([
      { date: { year: 2025, month: 2, day: 20 }, approximate: false, modality: 'reported' },
    ]);
  });

  it('GIVEN "in March" THEN it is a month, never the 1st of March, and the latest March before the report', () => {
    expect(datesIn('Talks stalled in March.')).toEqual([
      { date: { year: 2025, month: 3 }, approximate: false, modality: 'reported' },
    ]);
    expect(datesIn('Talks stalled in July.')).toEqual([
      { date: { year: 2024, month: 7 }, approximate: false, modality: 'reported' },
    ]);
  });

  it('GIVEN a forecast of a month without a year THEN it is the next such month, a prediction', () => {
    const [mention] = datesIn('The minister said he would not run in September.');
    expect(mention).toMatchObject({ date: { year: 2025, month: 9 } });
    expect(mention?.modality).not.toBe('reported');
  });

  it('GIVEN "in 2022" THEN it is a year', () => {
    expect(datesIn('The invasion began in 2022.')).toEqual([
      { date: { year: 2022 }, approximate: false, modality: 'reported' },
    ]);
  });

  it('GIVEN relative words THEN they are read against the published date: "yesterday" a day, "last month" its month, "two years ago" its year', () => {
    expect(datesIn('The envoy arrived yesterday.')).toEqual([
      { date: { year: 2025, month: 4, day: 14 }, approximate: false, modality: 'reported' },
    ]);
    expect(datesIn('Prices rose last month.')[0]?.date).toEqual({ year: 2025, month: 3 });
    expect(datesIn('The treaty was signed two years ago.')[0]?.date).toEqual({ year: 2023 });
  });

  it('GIVEN a reference inferred from the text (no published date) THEN relative dates are approximate, explicit ones are not', () => {
    expect(datesIn('The envoy arrived yesterday.', inferred)[0]).toMatchObject({
      date: { year: 2025, month: 4, day: 14 },
      approximate: true,
    });
    expect(datesIn('The ministers met on February 20, 2025.', inferred)[0]).toMatchObject({ approximate: false });
  });

  it('GIVEN words that give no date ("soon", "a week after I arrived", "in recent days") THEN no date is invented', () => {
    expect(datesIn('Moscow would soon declare victory.')).toEqual([]);
    expect(datesIn('A week after I arrived, the shelling stopped.')).toEqual([]);
    expect(datesIn('In the past few days the front has been quiet.')).toEqual([]);
  });

  it('GIVEN "march" as a verb THEN it is not a month', () => {
    expect(datesIn('Thousands will march on the capital.')).toEqual([]);
  });

  it('GIVEN a range THEN the mention carries its last date', () => {
    const [mention] = datesIn('The protests lasted from January 25 to February 11, 2011.');
    expect(mention).toMatchObject({ date: { year: 2011, month: 1, day: 25 }, end: { year: 2011, month: 2, day: 11 } });
  });

  it('GIVEN a date after the report THEN it is a prediction', () => {
    expect(datesIn('Elections are due in 2027.')[0]).toMatchObject({ date: { year: 2027 }, modality: 'prediction' });
  });

  it('GIVEN "the third anniversary of the invasion" THEN it is one mention, on the anniversary, approximately, labelled with the invasion three years back', () => {
    const mentions = datesIn('It came before the third anniversary of the invasion.');
    expect(mentions).toEqual([
      {
        date: { year: 2025 },
        approximate: true,
        modality: 'reported',
        label: 'the third anniversary of the invasion (the invasion ~2022)',
      },
    ]);
  });

  it('GIVEN no reference date THEN only expressions that carry their own year are dated', () => {
    expect(datesIn('The envoy arrived yesterday.', null)).toEqual([]);
    expect(datesIn('Talks stalled in March.', null)).toEqual([]);
    expect(datesIn('The ministers met on February 20, 2025.', null)[0]?.date).toEqual({
      year: 2025,
      month: 2,
      day: 20,
    });
  });

  it('GIVEN a sentence without any date word THEN nothing is parsed', () => {
    expect(mentionsIn('The negotiators reached a preliminary agreement.', published)).toEqual([]);
  });

  it('GIVEN a date followed by more digits than a year holds THEN no date is cut out of the number', () => {
    expect(mentionsIn('The treaty will expire on 12 March 12025, the council said.', published)).toEqual([]);
    expect(mentionsIn('A ceremony was held on 31 December 99999 in the square.', published)).toEqual([]);
    expect(datesIn('The treaty expired on 12 March 2025.')[0]?.date).toEqual({ year: 2025, month: 3, day: 12 });
  });

  it('GIVEN numbers that are not years THEN they are not dated ("in 2022 troops" is a count)', () => {
    expect(datesIn('They deployed in 2000 troops along the border.')).toEqual([]);
  });

  it('GIVEN several expressions THEN they come in order of appearance, each with its offset', () => {
    const mentions = mentionsIn('After talks in 2023, the ministers met on February 20, 2025.', published);
    expect(mentions.map((mention) => mention.expression)).toEqual(['2023', 'February 20, 2025']);
    expect(mentions[0]!.index).toBeLessThan(mentions[1]!.index);
  });
  // 15 April 2025, the reference, is a Tuesday.
  it('GIVEN a bare weekday THEN it is the last such day on or before the report, and the next one only when it is forecast', () => {
    expect(datesIn('The committee tabled a resolution on Thursday.')).toEqual([
      { date: { year: 2025, month: 4, day: 10 }, approximate: false, modality: 'reported' },
    ]);
    expect(datesIn('Protesters gathered on Tuesday night.')[0]?.date).toEqual({ year: 2025, month: 4, day: 15 });
    expect(datesIn('The ministers will meet on Thursday.')).toEqual([
      { date: { year: 2025, month: 4, day: 17 }, approximate: false, modality: 'prediction' },
    ]);
    expect(datesIn('Markets fell last Wednesday.')[0]?.date).toEqual({ year: 2025, month: 4, day: 9 });
  });

  it('GIVEN a weekday with a day and month but no year THEN the year is the nearest one in which they agree', () => {
    // Without the weekday, July 21 would be last July's (2024, a Sunday); 21 July 2023 was a Friday.
    expect(datesIn('The vote was held on Friday, July 21.')[0]?.date).toEqual({ year: 2023, month: 7, day: 21 });
    expect(datesIn('The vote was held on Sunday, July 21.')[0]?.date).toEqual({ year: 2024, month: 7, day: 21 });
  });

  it('GIVEN a length of time, a day counted from the story, or an abbreviation alone ("for a week", "the next day", "the Sun") THEN no date is made of it', () => {
    expect(datesIn('The talks went on for a week.')).toEqual([]);
    expect(datesIn('The next day, the troops withdrew.')).toEqual([]);
    expect(datesIn('He told the Sun that the war was lost.')).toEqual([]);
    expect(datesIn('She sat in silence.')).toEqual([]);
  });

  it("GIVEN a passage that gave a full date of another year THEN a later date without a year keeps that year; the report's year otherwise", () => {
    const context: NarrativeContext = {};
    mentionsIn('On February 14 2003 the inspectors delivered a report to the council.', published, context);
    expect(mentionsIn('Their final report, on March 7, was ambivalent.', published, context)[0]?.date).toEqual({
      year: 2003,
      month: 3,
      day: 7,
    });
    // A passage in the report's own year changes nothing: "December 20" written in April is last December.
    const sameYear: NarrativeContext = {};
    mentionsIn('The talks opened on February 2, 2025.', published, sameYear);
    expect(mentionsIn('A first round ended on December 20.', published, sameYear)[0]?.date).toEqual({
      year: 2024,
      month: 12,
      day: 20,
    });
    expect(mentionsIn('Their final report, on March 7, was ambivalent.', published)[0]?.date).toEqual({
      year: 2025,
      month: 3,
      day: 7,
    });
  });

  it("GIVEN a range without a year THEN its end is in its start's year, or the next for one across New Year", () => {
    expect(datesIn('The festival ran in Cannes, May 16 - 27, with forty films.')[0]).toMatchObject({
      date: { year: 2024, month: 5, day: 16 },
      end: { year: 2024, month: 5, day: 27 },
    });
    expect(datesIn('The talks ran from December 28 to January 3.')[0]).toMatchObject({
      date: { year: 2024, month: 12, day: 28 },
      end: { year: 2025, month: 1, day: 3 },
    });
  });

  it('GIVEN "the weekend" THEN it is not a day ("last weekend" is known to its month)', () => {
    expect(datesIn('Rescuers pulled more people from the rubble at the weekend.')).toEqual([]);
    expect(datesIn('Ministers met over the weekend.')).toEqual([]);
    expect(datesIn('Ministers met last weekend.')[0]?.date).toEqual({ year: 2025, month: 4 });
  });

  it('GIVEN a count after "Month Day," ("On March 3, 12 people were killed") THEN it is not read as the year', () => {
    expect(datesIn('On March 3, 12 people were killed.')).toEqual([
      { date: { year: 2025, month: 3, day: 3 }, approximate: false, modality: 'reported' },
    ]);
    expect(datesIn('In a poll published on June 17, 51% opposed the war.')[0]?.date).toEqual({
      year: 2024,
      month: 6,
      day: 17,
    });
    expect(datesIn('The vote on May 5, 2005 was close.')[0]?.date).toEqual({ year: 2005, month: 5, day: 5 });
  });

  it('GIVEN a forecast word followed by a verb in the past THEN a bare weekday is the past one', () => {
    // 15 April 2025 is a Tuesday: the past Wednesday is the 9th, the next one the 16th.
    expect(
      datesIn('You will say it was an accident that two men were bundled from the hall on Wednesday.')[0]?.date,
    ).toEqual({ year: 2025, month: 4, day: 9 });
    expect(datesIn('"We will win," said a statement posted Wednesday.')[0]?.date).toEqual({
      year: 2025,
      month: 4,
      day: 9,
    });
    expect(datesIn('The talks will be held on Wednesday.')[0]?.date).toEqual({ year: 2025, month: 4, day: 16 });
    expect(datesIn('Troops are expected to arrive, with several hundred more due by Wednesday.')[0]?.date).toEqual({
      year: 2025,
      month: 4,
      day: 16,
    });
  });

  it('GIVEN "Today" with a capital inside a sentence ("USA Today", "the Today programme") or "the Sunday Times" THEN it is a name, not a date', () => {
    expect(datesIn('The singer told USA Today that the tour was over.')).toEqual([]);
    expect(datesIn('She read a poem on the Today programme.')).toEqual([]);
    expect(datesIn('The memo had been reported in the Sunday Times.')).toEqual([]);
    expect(datesIn('The memo was reported on Sunday.')[0]?.date).toEqual({ year: 2025, month: 4, day: 13 });
    expect(datesIn('Today, the talks resumed.')[0]?.date).toEqual({ year: 2025, month: 4, day: 15 });
  });

  it('GIVEN a forecast of the report\'s own weekday ("will meet later Tuesday", written on a Tuesday) THEN it is that day', () => {
    expect(datesIn('Its leaders will meet the king later Tuesday.')[0]?.date).toEqual({
      year: 2025,
      month: 4,
      day: 15,
    });
  });
});
