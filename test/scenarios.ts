/**
 * The command scenarios every channel must answer the same way (console, Discord, and Slack when
 * it lands): what a user asks, and what the user must see.
 */
import { commands } from '../commands/index.js';

export type Expectation =
  | { kind: 'answer'; contains: string }
  | { kind: 'nothing'; hint: string }
  | { kind: 'error'; matches: RegExp };

export interface Scenario {
  name: string;
  command: string;
  /** Options as a platform sends them (Discord option values). */
  options: Record<string, string | number>;
  expect: Expectation;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'the NATO condition',
    command: 'ask',
    options: { question: 'what is the NATO condition' },
    expect: { kind: 'answer', contains: 'instant entry to the North Atlantic Treaty Organization' },
  },
  {
    name: 'Article 5',
    command: 'ask',
    options: { question: 'What does Article 5 say?', limit: 1 },
    expect: { kind: 'answer', contains: 'an attack on one member is considered an attack on all' },
  },
  {
    name: 'an off-topic question',
    command: 'ask',
    options: { question: 'What is the price of coffee in Brazil?' },
    // The refusal says which of the question's words the documents lack, as every channel shows it.
    expect: { kind: 'nothing', hint: 'They never mention "price", "coffee" or "Brazil".' },
  },
  {
    name: 'a question without words',
    command: 'ask',
    options: { question: '?!' },
    expect: { kind: 'error', matches: /no words/ },
  },
  {
    name: 'an over-long question',
    command: 'ask',
    options: { question: 'why '.repeat(130).trim() },
    expect: { kind: 'error', matches: /too long/ },
  },
  {
    name: 'the timeline',
    command: 'timeline',
    options: { limit: 3 },
    expect: { kind: 'answer', contains: '20 February 2025' },
  },
  {
    name: 'a bad timeline date',
    command: 'timeline',
    options: { from: 'last week' },
    expect: { kind: 'error', matches: /from must be a date like 2025-02-20/ },
  },
  {
    name: 'the sources',
    command: 'sources',
    options: {},
    expect: { kind: 'answer', contains: 'Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement' },
  },
];

/** The scenario as a person types it in the console or a Slack slash command. */
export function typedLine(scenario: Scenario): string {
  const definition = commands.find((command) => command.name === scenario.command)!;
  const parts = [`/${scenario.command}`];
  for (const [name, value] of Object.entries(scenario.options)) {
    parts.push(
      name === definition.textOption ? String(value) : `${name}:${/\s/.test(String(value)) ? `"${value}"` : value}`,
    );
  }
  return parts.join(' ');
}

/** Markdown escapes and emphasis removed: the text a reader sees. */
export function visibleText(markdown: string): string {
  // Formatting asterisks (bold, italics) first, then the escapes of literal characters.
  return markdown.replace(/(?<!\\)\*+/g, '').replace(/\\([\\*_~`|[\]()<>#\-+.])/g, '$1');
}
