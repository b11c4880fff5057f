import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineEvent } from '../../src/core/timeline/timeline.js';
import { timelinePng } from '../../src/reply/timeline-image/render-png.js';
import { bundledCorpus } from '../helpers.js';

const REFERENCE = new URL('./reference/', import.meta.url);
/** Share of pixels allowed to differ, and by how much a channel may differ before a pixel counts. */
const PIXEL_TOLERANCE = 0.01;
const CHANNEL_TOLERANCE = 24;

/**
 * Share of pixels that differ from the committed reference (1 when the sizes differ). Run with
 * UPDATE_REFERENCE=1 to write the references after a deliberate change of the picture.
 */
function differenceFromReference(png: Buffer, name: string, mayUpdate = true): number {
  const path = new URL(name, REFERENCE);
  if (mayUpdate && process.env.UPDATE_REFERENCE === '1') writeFileSync(path, png);
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(readFileSync(path));
  if (actual.width !== expected.width || actual.height !== expected.height) return 1;
  let different = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    if ([0, 1, 2, 3].some((c) => Math.abs(actual.data[i + c]! - expected.data[i + c]!) > CHANNEL_TOLERANCE))
      different++;
  }
  return different / (actual.width * actual.height);
}

/** A made-up timeline of a hundred events, a third of them months or years, some predicted. */
function hundredEvents(): TimelineEvent[] {
  return Array.from({ length: 100 }, (_, i): TimelineEvent => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 27) + 1).padStart(2, '0');
    const precision = i % 3 === 0 ? 'month' : i % 10 === 1 ? 'year' : 'day';
    const date =
      precision === 'day'
        ? `20${10 + (i % 6)}-${month}-${day}`
        : precision === 'month'
          ? `20${10 + (i % 6)}-${month}`
          : `20${10 + (i % 6)}`;
    return {
      date,
      precision,
      approximate: i % 7 === 0,
      end: null,
      modality: i % 9 === 0 ? 'prediction' : i % 13 === 0 ? 'conditional' : 'reported',
      label: null,
      text: `Event number ${i + 1} happened in the capital, officials said after a long meeting.`,
      citations: [],
      documents: 1,
    };
  });
}

describe('the timeline picture', () => {
  it('GIVEN the bundled article THEN its PNG decodes, is chat-sized, and matches the reference in light and dark', async () => {
    const { events } = buildTimeline(await bundledCorpus());
    for (const theme of ['light', 'dark'] as const) {
      const png = await timelinePng(events, theme);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const image = PNG.sync.read(png);
      expect(image.width).toBeGreaterThan(800);
      expect(image.width).toBeLessThanOrEqual(2000);
      expect(image.height).toBeLessThan(600);
      expect(png.length).toBeLessThan(500_000);
      expect(differenceFromReference(png, `bundled-${theme}.png`)).toBeLessThanOrEqual(PIXEL_TOLERANCE);
    }
  });

  it('GIVEN a hundred events THEN the PNG stays within chat limits, draws thirty rows and matches the reference', async () => {
    const png = await timelinePng(hundredEvents(), 'light');
    const image = PNG.sync.read(png);
    expect(image.height).toBeLessThan(2200);
    expect(png.length).toBeLessThan(8 * 1024 * 1024);
    expect(differenceFromReference(png, 'hundred-light.png')).toBeLessThanOrEqual(PIXEL_TOLERANCE);
  });

  it('GIVEN two different timelines THEN their pictures differ beyond the tolerance (the comparison can fail)', async () => {
    const { events } = buildTimeline(await bundledCorpus());
    const png = await timelinePng(events.slice(1), 'light');
    expect(differenceFromReference(png, 'bundled-light.png', false)).toBeGreaterThan(PIXEL_TOLERANCE);
  });
});
