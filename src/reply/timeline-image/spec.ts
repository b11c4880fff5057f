/**
 * The timeline picture as a Vega-Lite spec: one row per event, its date and words in a left
 * column, its mark on a shared horizontal time axis. Precision is shown honestly: a day is a dot,
 * a month or a year (or a range) a bar over every day it covers; an approximate date is hollow
 * and paler, a prediction or a condition has its own colour, as the legend says.
 */
import type { TopLevelSpec } from 'vega-lite';
import { dateLabel, firstDay, lastDay, parseIso } from '../../core/timeline/calendar.js';
import type { TimelineEvent } from '../../core/timeline/timeline.js';

export type Theme = 'light' | 'dark';

/** Rows drawn at most; the rest are named in a footnote (the text list under the image has them all). */
export const MAX_ROWS = 30;
const ROW_HEIGHT = 26;
const LABEL_CHARACTERS = 54;
export const FONT_FAMILY = 'Roboto';
/** What the marks mean, under the title: precision and certainty are read from the shapes. */
const KEY = 'dot: a day · bar: a month, a year or a range · pale, with ~: approximate';

const PALETTE = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#59636e',
    grid: '#d1d9e0',
    reported: '#0969da',
    prediction: '#bc4c00',
    conditional: '#8250df',
  },
  dark: {
    background: '#2b2d31',
    text: '#f2f3f5',
    muted: '#b5bac1',
    grid: '#4e5058',
    reported: '#58a6ff',
    prediction: '#ffa657',
    conditional: '#d2a8ff',
  },
} as const;

/** A short line for the row: date at its precision, then the event's label or its sentence. */
export function rowLabel(event: TimelineEvent): string {
  const date = (iso: string): string => {
    const parsed = parseIso(iso);
    return parsed ? dateLabel(parsed, event.approximate) : iso;
  };
  const when = event.end ? `${date(event.date)} – ${date(event.end)}` : date(event.date);
  const what = event.label ?? event.text;
  const line = `${when} · ${what}`;
  return line.length > LABEL_CHARACTERS ? `${line.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…` : line;
}

const isoOfDay = (day: number): string => {
  const text = String(day);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
};

/** The first and the day after the last day an event covers, as ISO days. */
function extent(event: TimelineEvent): { start: string; end: string; span: boolean } {
  const start = parseIso(event.date)!;
  const last = event.end ? parseIso(event.end)! : start;
  const endDay = new Date(`${isoOfDay(lastDay(last))}T00:00:00Z`);
  endDay.setUTCDate(endDay.getUTCDate() + 1);
  return {
    start: isoOfDay(firstDay(start)),
    end: endDay.toISOString().slice(0, 10),
    span: event.precision !== 'day' || event.end !== null,
  };
}

export function timelineSpec(events: readonly TimelineEvent[], theme: Theme): TopLevelSpec {
  const colors = PALETTE[theme];
  const shown = events.slice(0, MAX_ROWS);
  const rows = shown.map((event, i) => {
    const { start, end, span } = extent(event);
    return {
      row: i,
      label: rowLabel(event),
      start,
      end,
      span,
      kind: event.modality,
      approximate: event.approximate ? 'approximate (~)' : 'stated',
    };
  });
  const more = events.length - shown.length;
  const color = {
    field: 'kind',
    type: 'nominal' as const,
    title: null,
    scale: {
      domain: ['reported', 'prediction', 'conditional'],
      range: [colors.reported, colors.prediction, colors.conditional],
    },
    legend: { orient: 'top' as const, direction: 'horizontal' as const },
  };
  const opacity = {
    field: 'approximate',
    type: 'ordinal' as const,
    title: null,
    scale: { domain: ['stated', 'approximate (~)'], range: [1, 0.45] },
    legend: null,
  };
  const y = {
    field: 'row',
    type: 'ordinal' as const,
    title: null,
    sort: 'ascending' as const,
    axis: {
      labelExpr: 'datum.value !== null ? rowLabels[datum.value] : ""',
      labelLimit: 1000,
      labelFontSize: 14,
      ticks: false,
      domain: false,
      labelPadding: 10,
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 360,
    height: { step: ROW_HEIGHT },
    background: colors.background,
    padding: 16,
    title: {
      text: 'Timeline',
      subtitle: [KEY, ...(more > 0 ? [`${shown.length} of ${events.length} events drawn; all are listed below`] : [])],
      anchor: 'start',
    },
    params: [{ name: 'rowLabels', value: rows.map((row) => row.label) }],
    data: { values: rows },
    encoding: {
      y,
      x: {
        field: 'start',
        type: 'temporal',
        title: null,
        axis: { grid: true, tickCount: 4, labelFontSize: 13, labelOverlap: true },
      },
    },
    layer: [
      {
        transform: [{ filter: 'datum.span' }],
        mark: { type: 'bar', height: 10, cornerRadius: 2, strokeWidth: 1.5 },
        encoding: { x2: { field: 'end' }, color, stroke: color, opacity },
      },
      {
        transform: [{ filter: '!datum.span' }],
        mark: { type: 'point', filled: true, size: 90, strokeWidth: 2 },
        encoding: { color, opacity },
      },
    ],
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      title: { color: colors.text, subtitleColor: colors.muted, fontSize: 16, subtitleFontSize: 12 },
      axis: { labelColor: colors.text, gridColor: colors.grid, domainColor: colors.grid, tickColor: colors.grid },
      legend: { labelColor: colors.muted, labelFontSize: 13, symbolFillColor: colors.muted },
    },
  } as TopLevelSpec;
}
