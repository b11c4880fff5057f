/** Every command the bot offers, in the order /help lists them. */
import { askCommand } from './ask.js';
import type { CommandDefinition } from './command.js';
import { helpCommand } from './help.js';
import { sourcesCommand } from './sources.js';

export const commands: readonly CommandDefinition[] = [askCommand, sourcesCommand, helpCommand] as CommandDefinition[];
