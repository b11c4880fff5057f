/** /sources: the documents the bot serves, with how many claims each holds. */
import { z } from 'zod';
import { defineCommand } from './command.js';

export const sourcesCommand = defineCommand({
  name: 'sources',
  description: 'List the documents the answers come from',
  options: z.object({}),
  examples: ['/sources'],
  run: ({ corpus, arrivedAt }) => ({
    kind: 'sources',
    claims: corpus.claimCount,
    version: corpus.version,
    documents: corpus.documents.map((document) => ({
      id: document.id,
      title: document.title,
      claims: corpus.claimsOf(document.id).length,
      arrivedAt: arrivedAt?.(document.id)?.toISOString() ?? null,
      source: document.source ?? null,
      url: document.url ?? null,
      published: document.published ?? null,
    })),
  }),
});
