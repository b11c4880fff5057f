/** /ask <question>: the sentences of the documents that answer it, each cited. */
import { z } from 'zod';
import { ask } from '../src/core/ask.js';
import { questionSchema } from '../src/core/question.js';
import { defineCommand } from './command.js';

export const askCommand = defineCommand({
  name: 'ask',
  description: 'Answer a question with cited sentences from the documents',
  options: z.object({
    question: questionSchema.describe('What you want to know, in your own words'),
    limit: z.coerce
      .number({ error: 'limit must be a number from 1 to 10' })
      .int({ error: 'limit must be a whole number from 1 to 10' })
      .min(1, { error: 'limit must be at least 1' })
      .max(10, { error: 'limit can be at most 10' })
      .default(3)
      .describe('How many cited sentences at most (1-10, default 3)'),
  }),
  textOption: 'question',
  examples: ['/ask what is the NATO condition', '/ask who met on February 20? limit:5'],
  run: ({ corpus, scopeOf, origin }, { question, limit }) => {
    const scope = scopeOf?.(origin);
    return { kind: 'answer', result: ask(corpus, question, { limit, ...(scope ? { scope } : {}) }) };
  },
});
