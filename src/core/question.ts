/**
 * What makes a question acceptable, checked at every edge before the core sees it. The one place
 * that maps a bad question to its error code; the messages come from the catalogue.
 */
import { z } from 'zod';
import { errorMessage, type UserErrorCode } from './errors.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_LENGTH = 500;

/** What is wrong with a question (already trimmed), if anything. */
export function questionProblem(question: string): UserErrorCode | undefined {
  if (question === '') return 'EMPTY_QUESTION';
  if (question.length > MAX_QUESTION_LENGTH) return 'QUESTION_TOO_LONG';
  if (!/[\p{L}\p{N}]/u.test(question)) return 'QUESTION_WITHOUT_WORDS';
  return undefined;
}

/** The catalogue's message for a question problem. */
export function questionMessage(code: UserErrorCode): string {
  return code === 'QUESTION_TOO_LONG'
    ? errorMessage(code, MAX_QUESTION_LENGTH)
    : errorMessage(code as 'EMPTY_QUESTION');
}

/**
 * A question: trimmed, with at least one letter or digit, at most 500 characters. A failed check
 * carries its error code in the issue's `params.code`, which dispatch reads; the bounds are also
 * declared as metadata so Discord's registration shows them.
 */
export const questionSchema = z
  .preprocess(
    (value) => value ?? '',
    z
      .string({ error: errorMessage('EMPTY_QUESTION') })
      .trim()
      .superRefine((question, context) => {
        const code = questionProblem(question);
        if (code) context.addIssue({ code: 'custom', message: questionMessage(code), params: { code } });
      }),
  )
  .meta({ minLength: 1, maxLength: MAX_QUESTION_LENGTH });
