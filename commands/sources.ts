/**
 * /sources: what this channel reads (the shared documents and the web sources it follows), and
 * `/sources add URL [every:30m]` / `/sources remove URL` to follow or drop an article or a feed.
 */
import { z } from 'zod';
import { errorMessage, userError } from '../src/core/errors.js';
import { followedLines } from '../src/reply/followed-lines.js';
import type { Reply } from '../src/reply/reply.js';
import { type CommandContext, defineCommand } from './command.js';

const ACTIONS = ['list', 'add', 'remove'] as const;

/** `add https://...` as typed, or a bare action (the URL then comes from `url:`). */
const actionSchema = z
  .string()
  .trim()
  .transform((text, context) => {
    const [first = 'list', ...rest] = text.split(/\s+/).filter(Boolean);
    const verb = first.toLowerCase();
    if (!(ACTIONS as readonly string[]).includes(verb)) {
      context.addIssue({
        code: 'custom',
        message: `action must be one of ${ACTIONS.join(', ')}, as in /sources add https://example.org/rss.xml`,
      });
      return z.NEVER;
    }
    return { verb: verb as (typeof ACTIONS)[number], url: unwrapLink(rest.join(' ')) || undefined };
  });

/** A link as Slack writes it in a mention (`<https://x>` or `<https://x|label>`) is the URL inside. */
function unwrapLink(text: string): string {
  return text.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
}

const urlSchema = z.preprocess(
  (value) => (typeof value === 'string' ? unwrapLink(value) : value),
  z
    .string()
    .max(2000, { error: 'url is too long: at most 2000 characters' })
    .refine(
      (text) => {
        try {
          const url = new URL(text);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { error: 'url must be a full http(s) address, like https://example.org/rss/world.xml' },
    ),
);

const everySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+(m|h)$/, { error: 'every must be a duration like 30m or 2h (5m to 24h)' })
  .transform((text) => Number(text.slice(0, -1)) * (text.endsWith('h') ? 60 : 1))
  .refine((minutes) => minutes >= 5 && minutes <= 24 * 60, { error: 'every must be from 5m to 24h' });

async function listReply({
  corpus,
  arrivedAt,
  sources,
  origin,
  scopeOf,
  stateProblem,
}: CommandContext): Promise<Reply> {
  const scope = scopeOf?.(origin);
  const documents = corpus.documents.filter((document) => !scope || scope.has(document.id));
  return {
    kind: 'sources',
    claims: documents.reduce((sum, document) => sum + (corpus.record(document.id)?.claimCount ?? 0), 0),
    version: corpus.version,
    documents: documents.map((document) => ({
      id: document.id,
      title: document.title,
      claims: corpus.record(document.id)?.claimCount ?? 0,
      arrivedAt: arrivedAt?.(document.id)?.toISOString() ?? null,
      source: document.source ?? null,
      url: document.url ?? null,
      published: document.published ?? null,
    })),
    followed: sources && origin ? await sources.list(origin) : [],
    // An empty list would read as "follows nothing": say the list is unavailable, and why.
    ...(!sources && stateProblem ? { followedProblem: errorMessage('SOURCES_UNAVAILABLE', stateProblem) } : {}),
  };
}

/** Why a URL cannot be removed: not followed at all, or one of the articles a followed feed brought. */
function notFollowedLine({ corpus, origin, scopeOf }: CommandContext, url: string, workspace: boolean): string {
  const scope = scopeOf?.(origin);
  const fromFeed = corpus.documents.some((document) => document.url === url && (!scope || scope.has(document.id)));
  if (fromFeed)
    return `${url} is an article that a followed feed brought, not a source of its own: remove that feed (/sources lists it) to drop its articles.`;
  return `${url} was not followed ${workspace ? 'in this workspace' : 'here'}; /sources lists what is.`;
}

export const sourcesCommand = defineCommand({
  name: 'sources',
  description: 'What this channel reads; add or remove an article URL or a news feed',
  options: z.object({
    action: actionSchema.optional().describe('list (default), add URL, or remove URL'),
    url: urlSchema.optional().describe('The article or feed address, for add and remove'),
    every: everySchema.optional().describe('For add: how often to check a feed, 5m to 24h (default 15m)'),
    scope: z
      .enum(['channel', 'workspace'], { error: 'scope must be channel or workspace' })
      .optional()
      .describe('channel (default), or workspace: every channel of the workspace (admins)'),
  }),
  textOption: 'action',
  mayTakeLong: true,
  examples: [
    '/sources',
    '/sources add https://example.org/rss/world.xml every:30m',
    '/sources remove https://example.org/rss/world.xml',
  ],
  run: async (context, { action, url: namedUrl, every, scope }): Promise<Reply> => {
    const verb = action?.verb ?? 'list';
    if (verb === 'list') return listReply(context);
    const { sources, origin, stateProblem } = context;
    if (!sources || !origin)
      throw stateProblem ? userError('SOURCES_UNAVAILABLE', stateProblem) : userError('NEEDS_STATE');
    const given = namedUrl ?? action?.url;
    if (!given)
      throw userError('BAD_OPTION', `give the address to ${verb}, as in /sources ${verb} https://example.org/rss.xml`);
    const checked = urlSchema.safeParse(given);
    if (!checked.success) throw userError('BAD_OPTION', checked.error.issues[0]!.message);
    const workspace = scope === 'workspace';
    if (workspace) {
      if (!origin.isAdmin)
        throw userError(
          'BAD_OPTION',
          'scope:workspace is for a Discord server or a Slack workspace; here, leave it out',
        );
      if (!(await origin.isAdmin())) throw userError('NOT_ADMIN', origin.platform);
    }
    if (!workspace && !(await origin.canManage())) throw userError('NOT_ALLOWED', origin.platform);
    if (verb === 'add') {
      const added = await sources.add(origin, checked.data, { everyMinutes: every ?? 15, workspace });
      return { kind: 'notice', title: `Following ${added.title ?? added.url}`, lines: followedLines(added) };
    }
    return (await sources.remove(origin, checked.data, workspace))
      ? {
          kind: 'notice',
          title: 'Source removed',
          lines: [`${checked.data} is no longer followed ${workspace ? 'in this workspace' : 'here'}.`],
        }
      : { kind: 'notice', title: 'Not followed', lines: [notFollowedLine(context, checked.data, workspace)] };
  },
});
