/** The Block Kit limits Slack enforces on a message (documented limits; Slack answers invalid_blocks). */

interface Block {
  type: string;
  text?: { type: string; text: string };
  elements?: unknown[];
}

export function blockProblems(blocks: unknown, text: unknown): string[] {
  const problems: string[] = [];
  if (typeof text === 'string' && text.length > 40_000) problems.push(`text is ${text.length} characters (max 40000)`);
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  (blocks as Block[]).forEach((block, i) => {
    if (block.type === 'section' && (block.text?.text.length ?? 0) > 3000)
      problems.push(`blocks[${i}] section text is ${block.text!.text.length} characters (max 3000)`);
    if (block.type === 'header' && (block.text?.text.length ?? 0) > 150)
      problems.push(`blocks[${i}] header is ${block.text!.text.length} characters (max 150)`);
    if (block.type === 'header' && block.text?.type !== 'plain_text')
      problems.push(`blocks[${i}] header must be plain_text`);
    if (block.type === 'context' && (block.elements?.length ?? 0) > 10)
      problems.push(`blocks[${i}] context has more than 10 elements`);
  });
  return problems;
}

/** Slack refuses chat.postMessage with msg_blocks_too_long past about 12,000 characters of block text. */
export const MAX_BLOCK_TEXT = 12_000;

/** The characters of text across a message's blocks (section and header text, context elements). */
export function blockTextLength(blocks: unknown): number {
  if (!Array.isArray(blocks)) return 0;
  return (blocks as Block[]).reduce(
    (sum, block) =>
      sum +
      (block.text?.text.length ?? 0) +
      (block.elements ?? []).reduce<number>(
        (inner, element) => inner + String((element as { text?: string }).text ?? '').length,
        0,
      ),
    0,
  );
}
