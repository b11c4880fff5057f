/** Splits and validates a document's optional YAML front matter. */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value.trim()))
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)),
    {
      error: 'must be an ISO date such as 2025-02-20',
    },
  );

/** The fields a document may declare; unknown fields are ignored. */
export const frontMatterSchema = z.object({
  title: z.coerce.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
  source: z.coerce.string().trim().max(300, 'must be at most 300 characters').optional(),
  // Only http(s), normalised: a `javascript:` link, or one that smuggles chat syntax, never loads.
  // At most as long as /sources add takes one.
  url: z
    .url({
      protocol: /^https?$/,
      normalize: true,
      error: 'must be a full http(s) URL such as https://example.com/article',
    })
    .max(2000, 'must be at most 2000 characters')
    .optional(),
  published: isoDate.optional(),
  tags: z
    .union([z.array(z.coerce.string()), z.string().transform((tag) => [tag])])
    .optional()
    .default([]),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type FrontMatterResult =
  | {
      ok: true;
      frontMatter: FrontMatter;
      body: string;
      /** Fields left out because they are invalid, each a sentence that says what is wrong. */
      fieldProblems: string[];
    }
  | { ok: false; problem: string };

const FIELDS = Object.keys(frontMatterSchema.shape) as (keyof typeof frontMatterSchema.shape)[];

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(\n|$)/;

/** Separates front matter from the body; a text without `---` on its first line has none. */
export function splitFrontMatter(text: string): FrontMatterResult {
  if (!OPENING.test(text)) return { ok: true, frontMatter: { tags: [] }, body: text, fieldProblems: [] };
  const rest = text.replace(OPENING, '');
  const closing = CLOSING.exec(`\n${rest}`);
  if (!closing)
    return { ok: false, problem: 'has front matter that opens with --- but never closes: add a --- line after it' };
  const yamlText = rest.slice(0, Math.max(0, closing.index - 1));
  const body = `\n${rest}`.slice(closing.index + closing[0].length);
  let raw: unknown;
  try {
    raw = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, problem: `has front matter that is not valid YAML (${reason})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      problem: 'has front matter that is not key: value pairs (title, source, url, published, tags)',
    };
  }
  // Field by field: a bad link or date is left out, and the document's text still loads.
  const fields: Record<string, unknown> = { ...raw };
  const fieldProblems: string[] = [];
  for (const field of FIELDS) {
    if (fields[field] === undefined) continue;
    const checked = frontMatterSchema.shape[field].safeParse(fields[field]);
    if (checked.success) continue;
    fieldProblems.push(`has a front matter field \`${field}\` that ${checked.error.issues[0]!.message}: left out`);
    delete fields[field];
  }
  return { ok: true, frontMatter: frontMatterSchema.parse(fields), body, fieldProblems };
}
