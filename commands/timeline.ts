/** /timeline: the dated events of the documents, oldest first, each cited. */
import { z } from 'zod';
import { firstDay, lastDay, parseIso } from '../src/core/timeline/calendar.js';
import { buildTimeline } from '../src/core/timeline/timeline.js';
import { warmDates } from '../src/core/timeline/warm.js';
import { defineCommand } from './command.js';

const calendarDate = (name: string) =>
  z
    .string()
    .trim()
    .transform((text, context) => {
      const date = parseIso(text);
      if (!date)
        context.addIssue({ code: 'custom', message: `${name} must be a date like 2025-02-20, 2025-02 or 2025` });
      return date ?? { year: 0 };
    })
    .optional();

export const timelineCommand = defineCommand({
  name: 'timeline',
  description: 'List the dated events of the documents, oldest first, each cited',
  options: z
    .object({
      topic: z
        .string()
        .trim()
        .max(200, { error: 'topic is too long: keep it under 200 characters' })
        .optional()
        .transform((topic) => (topic === '' ? undefined : topic))
        .describe('Only events about this (the same search as /ask)'),
      from: calendarDate('from').describe('Only dates from this one on: 2025-02-20, 2025-02 or 2025'),
      to: calendarDate('to').describe('Only dates up to this one: 2025-02-20, 2025-02 or 2025'),
      limit: z.coerce
        .number({ error: 'limit must be a number from 1 to 100' })
        .int({ error: 'limit must be a whole number from 1 to 100' })
        .min(1, { error: 'limit must be at least 1' })
        .max(100, { error: 'limit can be at most 100' })
        .optional()
        .describe('Only the N most important dates (1-100), by how the documents refer to them'),
    })
    .refine(({ from, to }) => !from || !to || firstDay(from) <= lastDay(to), {
      error: 'from must not be after to',
      path: ['from'],
    }),
  textOption: 'topic',
  mayTakeLong: true,
  examples: ['/timeline', '/timeline topic:Kellogg', '/timeline from:2025-01-01 to:2025-03-31 limit:10'],
  run: async ({ corpus, scopeOf, origin }, options) => {
    const scope = scopeOf?.(origin);
    // Dating documents not dated yet is the long part: done a document at a time, sharing the loop.
    await warmDates(corpus, scope ? { documents: corpus.documents.filter((document) => scope.has(document.id)) } : {});
    return { kind: 'timeline', result: buildTimeline(corpus, { ...options, ...(scope ? { scope } : {}) }) };
  },
});
