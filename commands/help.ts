/** /help: every command with its usage and examples, generated from the definitions. */
import { z } from 'zod';
import { defineCommand } from './command.js';
import { usageOf } from './usage.js';

export const helpCommand = defineCommand({
  name: 'help',
  needsNoDocuments: true,
  description: 'Show the commands and how to use them',
  options: z.object({}),
  examples: ['/help'],
  run: ({ commands }) => ({
    kind: 'help',
    commands: commands.map((definition) => ({
      name: definition.name,
      description: definition.description,
      usage: usageOf(definition),
      examples: definition.examples,
    })),
  }),
});
