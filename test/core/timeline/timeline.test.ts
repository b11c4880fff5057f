import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../../src/core/open-corpus.js';
import { parseIso } from '../../../src/core/timeline/calendar.js';
import { FEATURE_NAMES } from '../../../src/core/timeline/date-features.js';
import { shippedDateModel } from '../../../src/core/timeline/date-model.js';
import { buildTimeline } from '../../../src/core/timeline/timeline.js';
import { bundledCorpus, dataFolder, loadDocument } from '../../helpers.js';

describe('/timeline on the bundled article', () => {
  it('GIVEN the caption dated February 20, 2025 THEN the meeting is an event at day precision citing that caption', async () => {
    const { events } = buildTimeline(await bundledCorpus());
    const meeting = events.find((event) => event.date === '2025-02-20');
    expect(meeting).toMatchObject({ precision: 'day', approximate: false, modality: 'reported' });
    expect(meeting?.text).toContain('before the start of a bilateral meeting, February 20, 2025');
    expect(meeting?.citations.map((citation) => citation.claim)).toEqual(['ukraine-nato-deal#p3.s1']);
  });

  it("GIVEN three sentences dating the war's third anniversary THEN they are one event on ~2025, labelled with its anchor, and each sentence is listed once", async () => {
    const { events } = buildTimeline(await bundledCorpus());
    expect(events.map((event) => event.date)).toEqual(['2025', '2025-02-20']);
    const milestone = events[0]!;
    expect(milestone).toMatchObject({ precision: 'year', approximate: true, documents: 1 });
    expect(milestone.label).toMatch(
      /^the (third anniversary of the (invasion|war) \(the (invasion|war) ~2022\)|fourth year of the conflict \(begun ~2022\))$/,
    );
    expect(milestone.citations.map((citation) => citation.claim).sort()).toEqual([
      'ukraine-nato-deal#p10.s1',
      'ukraine-nato-deal#p6.s4',
      'ukraine-nato-deal#p7.s2',
    ]);
    const cited = events.flatMap((event) => event.citations.map((citation) => citation.claim));
    expect(new Set(cited).size).toBe(cited.length);
  });

  it('GIVEN "would soon declare victory by the third anniversary" THEN that sentence alone dates a prediction', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Kyiv\npublished: 2025-02-20\n---\n\nAn agency predicted that Moscow would soon declare victory in the war by the third anniversary of the invasion.',
      }),
    );
    const { events } = buildTimeline(corpus);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      date: '2025',
      modality: 'prediction',
      approximate: true,
      precision: 'year',
      label: 'the third anniversary of the invasion (the invasion ~2022)',
    });
  });

  it('GIVEN a sentence giving a year and a day within it THEN it is listed once, at the day', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Cairo\npublished: 2011-03-01\n---\n\nIn 2011, protesters first filled Tahrir Square on January 25, 2011.',
      }),
    );
    expect(buildTimeline(corpus).events.map((event) => event.date)).toEqual(['2011-01-25']);
  });

  it('GIVEN two reports of the same day in different documents, one predicting it and one reporting it THEN they are one reported event citing both', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Before\npublished: 2011-01-20\n---\n\nActivists said protesters would fill Tahrir Square in Cairo on January 25, 2011.',
        'b.md':
          '---\ntitle: After\npublished: 2011-01-26\n---\n\nProtesters filled Tahrir Square in Cairo on January 25, 2011.',
      }),
    );
    const { events } = buildTimeline(corpus);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ date: '2011-01-25', modality: 'reported', documents: 2 });
    expect(events[0]!.text).toMatch(/^Protesters filled/);
  });

  it('GIVEN an article that states one full date THEN no event is dated more precisely than its text allows', async () => {
    const { events } = buildTimeline(await bundledCorpus());
    const exact = events.filter((event) => !event.approximate);
    expect(exact.map((event) => event.date)).toEqual(['2025-02-20']);
    expect(events.every((event) => event.citations.length > 0)).toBe(true);
    expect(events.map((event) => event.date)).toEqual([...events.map((event) => event.date)].sort());
  });
});

describe('temporal expressions in documents', () => {
  it('GIVEN a published date THEN weekdays and "yesterday" resolve against it, exactly', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Cairo\npublished: 2011-01-27\n---\n\nProtesters filled Tahrir Square on Tuesday. Police fired tear gas yesterday.',
      }),
    );
    const dates = buildTimeline(corpus).events.map((event) => [event.date, event.approximate]);
    expect(dates).toEqual([
      ['2011-01-25', false],
      ['2011-01-26', false],
    ]);
  });

  it('GIVEN a document without published date THEN its reference is inferred from its latest full date and relative dates are approximate', async () => {
    const { corpus } = await openCorpus(
      dataFolder({ 'a.md': 'Notes\n\nThe talks opened on March 3, 2025 in Riyadh. The delegates left on Friday.' }),
    );
    const events = buildTimeline(corpus).events;
    expect(events.map((event) => [event.date, event.precision, event.approximate])).toEqual([
      ['2025-02-28', 'day', true],
      ['2025-03-03', 'day', false],
    ]);
  });

  it('GIVEN "in March" THEN the event is the month, never 1 March', async () => {
    const { corpus } = await openCorpus(
      dataFolder({ 'a.md': '---\ntitle: Budget\npublished: 2011-05-10\n---\n\nThe budget was cut in March.' }),
    );
    expect(buildTimeline(corpus).events.map((event) => [event.date, event.precision])).toEqual([['2011-03', 'month']]);
  });

  it('GIVEN a date range THEN the event starts on its first day and keeps its last', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Egypt\npublished: 2011-03-01\n---\n\nProtests ran from January 25 to February 11, 2011 across Egypt.',
      }),
    );
    expect(buildTimeline(corpus).events[0]).toMatchObject({ date: '2011-01-25', end: '2011-02-11', precision: 'day' });
  });

  it('GIVEN a future date or "if" THEN the event is a prediction or a condition, not a report', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Vote\npublished: 2011-02-01\n---\n\nThe vote will be held on March 3. If the army moves in 2012, talks would end.',
      }),
    );
    expect(buildTimeline(corpus).events.map((event) => [event.date, event.modality])).toEqual([
      ['2011-03-03', 'prediction'],
      ['2012', 'conditional'],
    ]);
  });

  it('GIVEN "soon", "recent" or "a week after I arrived" THEN no date is invented', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Vague\npublished: 2011-02-01\n---\n\nTalks will resume soon. Recent comments angered Kyiv. A week after I arrived, the tape was released.',
      }),
    );
    expect(buildTimeline(corpus).events).toEqual([]);
  });
});

describe('events across documents', () => {
  const wire = (source: string, sentence: string): string =>
    `---\ntitle: ${source} report\npublished: 2011-02-12\n---\n\n${sentence}`;

  it('GIVEN three reports of the same thing on the same day THEN they are one event citing all three, the most representative shown', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'ap.md': wire(
          'AP',
          'Hosni Mubarak resigned as president of Egypt on February 11, 2011, handing power to the army.',
        ),
        'bbc.md': wire(
          'BBC',
          'On February 11, 2011, Hosni Mubarak resigned as Egypt president and handed power to the army.',
        ),
        'cnn.md': wire('CNN', 'Mubarak resigned on February 11, 2011.'),
        'other.md': wire('Other', 'On February 11, 2011, a football match in Cairo was cancelled.'),
      }),
    );
    const events = buildTimeline(corpus).events;
    expect(events).toHaveLength(2);
    const resignation = events.find((event) => event.documents === 3);
    expect(resignation?.citations.map((citation) => citation.document).sort()).toEqual(['ap', 'bbc', 'cnn']);
    expect(resignation?.text).not.toBe('Mubarak resigned on February 11, 2011.');
  });

  it('GIVEN a limit THEN the most important dates are chosen, then listed oldest first', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': wire('A', 'Protests began on January 25, 2011. Mubarak resigned on February 11, 2011.'),
        'b.md': wire('B', 'Mubarak resigned on February 11, 2011 after weeks of protest.'),
        'c.md': wire('C', 'The army took over on February 11, 2011. A minor rally was held on January 30, 2011.'),
        'd.md': wire('D', 'The first protests on January 25, 2011 surprised the police.'),
      }),
    );
    const result = buildTimeline(corpus, { limit: 2 });
    expect(result.events.map((event) => event.date)).toEqual(['2011-01-25', '2011-02-11']);
    expect(result.note).toMatch(/2 dated events, the most important of \d+, oldest first/);
  });

  it('GIVEN "the end of February" in a report of a year without 29 February THEN it is the 28th, and a limit still ranks the days', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md':
          '---\ntitle: Strikes\npublished: 1987-10-20\n---\n\nSince the end of February the seamen have organized national strikes. Talks resumed on October 12, 1987.',
      }),
    );
    expect(buildTimeline(corpus).events.map((event) => event.date)).toContain('1987-02-28');
    expect(buildTimeline(corpus, { limit: 2 }).events.map((event) => event.date)).toEqual(['1987-02-28', '1987-10-12']);
  });

  it('GIVEN one day three documents mention and another only one mentions THEN the shipped model ranks the first higher', async () => {
    // Two weekdays: the model also weighs a Saturday or Sunday down (less news happens then), another matter.
    const filler = 'Officials said more would follow. Markets were calm. Analysts were cautious.';
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': wire(
          'A',
          `${filler} The army took control on February 8, 2011. A bakery reopened on February 3, 2011.`,
        ),
        'b.md': wire('B', `${filler} The army took control of Cairo on February 8, 2011.`),
        'c.md': wire('C', `${filler} Troops held Cairo after February 8, 2011.`),
      }),
    );
    expect(buildTimeline(corpus, { limit: 1 }).events.map((event) => event.date)).toEqual(['2011-02-08']);
  });

  it('GIVEN the shipped weights file THEN it names the features the product computes, in order', () => {
    expect(shippedDateModel().weights).toHaveLength(FEATURE_NAMES.length);
  });

  it('GIVEN from and to THEN only dates wholly inside the range remain', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': wire(
          'A',
          'Protests began on January 25, 2011. Talks were held in February. Mubarak resigned on February 11, 2011.',
        ),
      }),
    );
    const result = buildTimeline(corpus, { from: parseIso('2011-02-01'), to: parseIso('2011-02-13') });
    expect(result.events.map((event) => event.date)).toEqual(['2011-02-11']);
  });

  it('GIVEN a document indexed again THEN its events follow its new claims (a topic still finds them)', async () => {
    const folder = dataFolder({ 'a.md': wire('A', 'The stock exchange closed on January 27, 2011.') });
    const { corpus } = await openCorpus(folder);
    expect(buildTimeline(corpus, { topic: 'stock exchange' }).events).toHaveLength(1);
    const document = await loadDocument(folder, 'a');
    corpus.remove('a');
    corpus.add(document);
    expect(buildTimeline(corpus, { topic: 'stock exchange' }).events.map((event) => event.date)).toEqual([
      '2011-01-27',
    ]);
  });

  it('GIVEN a topic THEN only events whose claims match it through the /ask search remain', async () => {
    const { corpus } = await openCorpus(
      dataFolder({
        'a.md': wire(
          'A',
          'Protests began in Cairo on January 25, 2011. The stock exchange closed on January 27, 2011.',
        ),
      }),
    );
    expect(buildTimeline(corpus, { topic: 'stock exchange' }).events.map((event) => event.date)).toEqual([
      '2011-01-27',
    ]);
    expect(buildTimeline(corpus, { topic: 'coffee prices in Brazil' })).toMatchObject({
      events: [],
      note: expect.stringMatching(/No dated events/),
    });
  });
});
