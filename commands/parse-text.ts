/**
 * Turns the text typed after a command into its options, for the console, the CLI and Slack:
 * `name:value` (or `name:"two words"`) sets a declared option; the rest is the text option.
 */
import type { CommandDefinition } from './command.js';

// A space may follow the colon ("limit: 5"), unless what follows is the next option ("topic: from:2025").
const NAMED = /(?:^|\s)([a-z][a-z-]*):(?:\s*"([^"]*)"|\s*(?![a-z][a-z-]*:)(\S+)|)/gi;

/** Options as typed, not yet validated. */
export function parseCommandText(definition: CommandDefinition, text: string): Record<string, string> {
  const declared = new Set(Object.keys(definition.options.shape));
  const options: Record<string, string> = {};
  const rest = text.replace(NAMED, (whole, name: string, quoted: string | undefined, bare: string | undefined) => {
    const key = name.toLowerCase();
    if (!declared.has(key)) return whole;
    options[key] = quoted ?? bare ?? '';
    return ' ';
  });
  // `/timeline topic:NATO` names the text option; `/timeline NATO` gives it as plain text.
  // Nothing typed leaves the option unset, so its default (or its "missing" message) applies.
  if (definition.textOption && rest.trim() !== '') {
    options[definition.textOption] = [options[definition.textOption], rest.trim()].filter(Boolean).join(' ');
  }
  return options;
}

/** Splits `/name rest` into the command name and the rest; a line without a slash has no name. */
export function splitCommandLine(line: string): { name: string | undefined; text: string } {
  const match = /^\s*\/([\w-]+)\s*([\s\S]*)$/.exec(line);
  return match ? { name: match[1]!.toLowerCase(), text: match[2]! } : { name: undefined, text: line.trim() };
}
