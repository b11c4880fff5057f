/** Usage lines derived from a command's definition, so help never drifts from the code. */
import type { CommandDefinition } from './command.js';

/** `/ask <question> [limit:N]`: the text option first, then the named options. */
export function usageOf(definition: CommandDefinition): string {
  const parts = [`/${definition.name}`];
  for (const [name, schema] of Object.entries(definition.options.shape)) {
    const optional = (schema as { safeParse(value: unknown): { success: boolean } }).safeParse(undefined).success;
    const part = name === definition.textOption ? `<${name}>` : `${name}:<${name}>`;
    parts.push(optional ? `[${part}]` : part);
  }
  return parts.join(' ');
}
