/**
 * Discord's application-command JSON, generated from the command definitions (their zod option
 * schemas read as JSON Schema): names, descriptions, option types, limits and which are required.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { CommandDefinition } from '../../../commands/command.js';

type CommandBody = RESTPutAPIApplicationCommandsJSONBody[number];

interface PropertySchema {
  type?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
}

/** Options whose values Discord should suggest while the user types. */
const AUTOCOMPLETED = new Set(['topic']);

function describe(text: string | undefined, fallback: string): string {
  const description = (text ?? fallback).trim();
  return description.length <= 100 ? description : `${description.slice(0, 99)}…`;
}

function optionOf(name: string, schema: PropertySchema, required: boolean): APIApplicationCommandOption {
  const description = describe(schema.description, name);
  const bounds = {
    ...(schema.minimum !== undefined ? { min_value: schema.minimum } : {}),
    ...(schema.maximum !== undefined ? { max_value: schema.maximum } : {}),
  };
  if (schema.type === 'integer')
    return { type: ApplicationCommandOptionType.Integer, name, description, required, ...bounds };
  if (schema.type === 'number')
    return { type: ApplicationCommandOptionType.Number, name, description, required, ...bounds };
  if (schema.type === 'boolean') return { type: ApplicationCommandOptionType.Boolean, name, description, required };
  const choices = schema.enum?.filter((value): value is string => typeof value === 'string').slice(0, 25);
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description,
    required,
    ...(schema.minLength !== undefined ? { min_length: schema.minLength } : {}),
    ...(schema.maxLength !== undefined ? { max_length: Math.min(schema.maxLength, 6000) } : {}),
    ...(choices?.length
      ? { choices: choices.map((value) => ({ name: value, value })) }
      : AUTOCOMPLETED.has(name)
        ? { autocomplete: true as const }
        : {}),
  };
}

/** The command as Discord registers it; required options first, as Discord demands. */
export function discordCommandOf(definition: CommandDefinition): CommandBody {
  const schema = z.toJSONSchema(definition.options, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, PropertySchema>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const options = Object.entries(schema.properties ?? {})
    .map(([name, property]) => optionOf(name, property, required.has(name)))
    .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: describe(definition.description, definition.name),
    options,
    // Usable in servers and in direct messages with the bot.
    contexts: [0, 1],
    integration_types: [0],
  };
}

/** Every command, for one bulk overwrite (PUT). */
export function discordCommandsOf(commands: readonly CommandDefinition[]): CommandBody[] {
  return commands.map(discordCommandOf);
}
