/** Every command the bot offers, in the order /help lists them. */
import { askCommand } from './ask.js';
import { digestCommand } from './digest.js';
import type { CommandDefinition } from './command.js';
import { helpCommand } from './help.js';
import { sourcesCommand } from './sources.js';
import { timelineCommand } from './timeline.js';

export const commands: readonly CommandDefinition[] = [
  askCommand,
  timelineCommand,
  digestCommand,
  sourcesCommand,
  helpCommand,
] as CommandDefinition[];
