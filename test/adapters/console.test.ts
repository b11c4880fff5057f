import { describe, expect, it } from 'vitest';
import { runProgram } from '../run-program.js';

describe('npm start without platform tokens: the console on the bundled article', () => {
  it('GIVEN piped commands THEN each line is answered in order, readably, and the program exits at the end of input', async () => {
    const run = await runProgram(
      'main',
      [],
      '/ask what is the NATO condition\n/sources\n/help\nWho is Keith Kellogg?\n/ask\n/nope\n',
    );
    expect(run.code).toBe(0);
    const blocks = run.stdout.trim().split('\n\n');
    expect(blocks[0]).toMatch(
      /^1\. "According to NBC News, there is a possibility that Ukraine could gain instant entry/,
    );
    expect(blocks[0]).toContain('[Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement, ¶4]');
    expect(blocks[1]).toMatch(/^1 document, 21 claims/);
    expect(blocks[2]).toMatch(/\/ask <question>[\s\S]*\/sources[\s\S]*\/help/);
    expect(blocks[3]).toContain('Special Envoy for Ukraine and Russia Keith Kellogg');
    expect(blocks[4]).toMatch(/^Error: The question is empty/);
    expect(blocks[5]).toMatch(/^Error: There is no \/nope command/);
    expect(blocks).toHaveLength(6);
  });

  it('GIVEN /timeline THEN each event shows its date at its precision, its sentence and its citation', async () => {
    const run = await runProgram('main', [], '/timeline\n');
    expect(run.stdout).toContain('20 February 2025\n   "Zelenskyy, left, greets');
    expect(run.stdout).toMatch(/~2025 · the (third anniversary|fourth year) of the \w+ \((the \w+|begun) ~2022\)\n/);
    expect(run.stdout).toMatch(/dated events, oldest first\./);
  });

  it('GIVEN an off-topic question THEN the console says plainly that nothing answers it', async () => {
    const run = await runProgram('main', [], 'What is the price of coffee in Brazil?\n');
    expect(run.stdout.trim()).toBe(
      'Nothing in the documents answers this.\nThey never mention "price", "coffee" or "Brazil".',
    );
  });
});
