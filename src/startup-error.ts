/**
 * Ends the process on a start-up failure with a sentence saying what to fix: a user's mistake
 * gets its message, a platform refusing a token or a port in use gets what to change, and only
 * a bug gets a stack.
 */
import { ConfigError } from './config.js';
import { UserError } from './core/errors.js';

/** Slack Web API errors meaning a token was refused. */
const SLACK_REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** The sentence for a failure an operator can fix, if it is one. */
export function startupProblem(error: unknown): string | undefined {
  if (error instanceof UserError || error instanceof ConfigError) return error.message;
  if (!(error instanceof Error)) return undefined;
  type Detailed = Error & { code?: unknown; data?: { error?: string }; port?: number; address?: string };
  const { code, data, port, address } = error as Detailed;
  if (code === 'EADDRINUSE') {
    const where = address ? ` on ${address}` : '';
    return `port ${port ?? ''} is already in use${where}: set PORT to a free port, or stop the program using it.`;
  }
  if (code === 'EACCES' && port !== undefined)
    return `the bot may not listen on port ${port}: set PORT to a port above 1023.`;
  const slackError = data?.error ?? /An API error occurred: (\w+)/.exec(error.message)?.[1];
  if (slackError && SLACK_REFUSED.has(slackError)) {
    return (
      `Slack refused the token (${slackError}): check SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token, xoxb-...)` +
      ' and, in Socket Mode, SLACK_APP_TOKEN (Basic Information > App-Level Tokens, xapp-...).'
    );
  }
  if (code === 'TokenInvalid' || /TokenInvalid|401|Unauthorized/i.test(`${error.name} ${error.message}`)) {
    return `the platform refused the token (${error.message}): check DISCORD_TOKEN (Developer Portal > Bot > Reset Token).`;
  }
  if (code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT') {
    return `cannot reach the platform (${code}: ${error.message}): check the network, and DISCORD_API_URL or SLACK_API_URL.`;
  }
  if (code === 'ERR_DLOPEN_FAILED' || /better_sqlite3|better-sqlite3/.test(error.message)) {
    return `the SQLite module does not load (${error.message.split('\n')[0]}): run npm ci (or npm rebuild better-sqlite3).`;
  }
  return undefined;
}

export function exitWithStartupError(error: unknown): never {
  const problem = startupProblem(error);
  if (problem) process.stderr.write(`briefbot: ${problem}\n`);
  else
    process.stderr.write(
      `briefbot: unexpected error at start-up\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
  process.exit(1);
}
