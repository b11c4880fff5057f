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
  title: z.coerce.string().trim().min(1, 'must not be empty').optional(),
  source: z.coerce.string().trim().optional(),
  // Only http(s), normalised: a `javascript:` link, or one that smuggles chat syntax, never loads.
  url: z
    .url({
      protocol: /^https?$/,
      normalize: true,
      error: 'must be a full http(s) URL such as https://example.com/article',
    })
    .optional(),
  published: isoDate.optional(),
  tags: z
    .union([z.array(z.coerce.string()), z.string().transform((tag) => [tag])])
    .optional()
    .default([]),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter; body: string } | { ok: false; problem: string };

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(\n|$)/;

/** Separates front matter from the body; a text without `---` on its first line has none. */
export function splitFrontMatter(text: string): FrontMatterResult {
  if (!OPENING.test(text)) return { ok: true, frontMatter: { tags: [] }, body: text };
  const rest = text.replace(OPENING, '');
  const closing = CLOSING.exec(`\n${rest}`);
  if (!closing) return { ok: false, problem: 'front matter opens with --- but never closes: add a --- line after it' };
  const yamlText = rest.slice(0, Math.max(0, closing.index - 1));
  const body = `\n${rest}`.slice(closing.index + closing[0].length);
  let raw: unknown;
  try {
    raw = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, problem: `front matter is not valid YAML (${reason})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problem: 'front matter must be key: value pairs (title, source, url, published, tags)' };
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `\`${issue.path.join('.')}\` ${issue.message}`);
    return { ok: false, problem: `front matter field ${issues.join('; ')}` };
  }
  return { ok: true, frontMatter: parsed.data, body };
}
