import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../../commands/command.js';
import { dispatchText } from '../../commands/dispatch-text.js';
import { dispatch } from '../../commands/dispatch.js';
import { commands } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { askCommand } from '../../commands/ask.js';
import { bundledCorpus } from '../helpers.js';

const log = { error: vi.fn() };
const context = async (): Promise<CommandContext> => ({ corpus: await bundledCorpus(), commands });

describe('dispatching typed commands', () => {
  it('GIVEN limit:1 after the question THEN it sets the option and is not part of the question', async () => {
    expect(parseCommandText(askCommand, 'who met on February 20? limit:1')).toEqual({
      question: 'who met on February 20?',
      limit: '1',
    });
    const reply = await dispatchText('/ask who met on February 20? limit:1', await context(), log);
    expect(reply.kind === 'answer' && reply.result.answers).toHaveLength(1);
  });

  it("GIVEN a space after an option's colon THEN the value after it is the option's, unless it is the next option", async () => {
    const reply = await dispatchText('/ask who met on February 20? limit: 1', await context(), log);
    expect(reply.kind === 'answer' && reply.result.answers).toHaveLength(1);
    expect(parseCommandText(askCommand, 'what is it: the deal')).toEqual({ question: 'what is it: the deal' });
    const timeline = commands.find((command) => command.name === 'timeline')!;
    expect(parseCommandText(timeline, 'topic: from:2025')).toEqual({ topic: '', from: '2025' });
  });

  it('GIVEN a bare line without a slash THEN it is asked as a question', async () => {
    const reply = await dispatchText('bargaining chip', await context(), log);
    expect(reply.kind === 'answer' && reply.result.answers[0]?.text).toContain('potential bargaining chip');
  });

  it.each([
    ['/ask what is NATO limit:0', 'BAD_OPTION', /limit must be at least 1/],
    ['/ask what is NATO limit:many', 'BAD_OPTION', /limit must be a number/],
    ['/ask', 'EMPTY_QUESTION', /question is empty/],
    ['/ask ?!', 'QUESTION_WITHOUT_WORDS', /question has no words/],
    [`/ask ${'a'.repeat(501)}`, 'QUESTION_TOO_LONG', /too long/],
    ['/weather', 'UNKNOWN_COMMAND', /no \/weather command.*\/ask, \/timeline, \/digest, \/sources, \/help/],
    ['/timeline from:yesterday', 'BAD_OPTION', /from must be a date like 2025-02-20/],
    ['/timeline from:2025-13', 'BAD_OPTION', /from must be a date like/],
    ['/timeline from:2025-03 to:2025-01', 'BAD_OPTION', /from must not be after to/],
    ['/timeline limit:0', 'BAD_OPTION', /limit must be at least 1/],
  ])('GIVEN %j THEN the reply is an error %s that says what to fix', async (line, code, message) => {
    const reply = await dispatchText(line, await context(), log);
    expect(reply).toMatchObject({ kind: 'error', code, message: expect.stringMatching(message) });
  });

  it('GIVEN a command that fails with a bug THEN the user gets a generic error and the bug is logged with the command', async () => {
    const broken = defineCommand({
      name: 'broken',
      description: 'fails',
      options: z.object({}),
      examples: [],
      run: () => {
        throw new Error('boom');
      },
    });
    const errors = vi.fn();
    const reply = await dispatch(
      { name: 'broken', options: {} },
      { corpus: await bundledCorpus(), commands: [broken] },
      { error: errors },
    );
    expect(reply).toMatchObject({
      kind: 'error',
      code: 'INTERNAL',
      message: expect.stringMatching(/went wrong while running \/broken/),
    });
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ command: 'broken' }), 'command failed');
  });

  it('GIVEN /help THEN every command is listed with a usage line generated from its options', async () => {
    const reply = await dispatchText('/help', await context(), log);
    expect(reply.kind === 'help' && reply.commands.map((command) => command.usage)).toEqual([
      '/ask <question> [limit:<limit>]',
      '/timeline [<topic>] [from:<from>] [to:<to>] [limit:<limit>]',
      '/digest [<action>] [time:<time>] [timezone:<timezone>] [quiet:<quiet>] [since:<since>]',
      '/sources [<action>] [url:<url>] [every:<every>] [scope:<scope>]',
      '/help',
    ]);
  });

  it('GIVEN /timeline with a topic as text or named THEN both reach the same option', async () => {
    const ctx = await context();
    const named = await dispatchText('/timeline topic:"third anniversary" limit:5', ctx, log);
    const plain = await dispatchText('/timeline third anniversary limit:5', ctx, log);
    expect(named.kind).toBe('timeline');
    expect(plain).toEqual(named);
    expect(named.kind === 'timeline' && named.result.events.length).toBeGreaterThan(0);
  });
});
