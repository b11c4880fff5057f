/** What makes a question acceptable, checked at every edge before the core sees it. */
import { z } from 'zod';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_LENGTH = 500;

/** A question: trimmed, with at least one letter or digit, at most 500 characters. */
export const questionSchema = z
  .string({ error: 'The question is empty: ask something, for example /ask what is the NATO condition' })
  .trim()
  .min(1, { error: 'The question is empty: ask something, for example /ask what is the NATO condition' })
  .max(MAX_QUESTION_LENGTH, { error: `The question is too long: keep it under ${MAX_QUESTION_LENGTH} characters` })
  .refine((text) => /[\p{L}\p{N}]/u.test(text), { error: 'The question has no words: ask with words, for example /ask who met on February 20?' });
