/** Ends the process on a start-up failure: a user's mistake gets its message, a bug its stack. */
import { ConfigError } from './config.js';
import { UserError } from './core/errors.js';

export function exitWithStartupError(error: unknown): never {
  if (error instanceof UserError || error instanceof ConfigError) process.stderr.write(`briefbot: ${error.message}\n`);
  else if (error instanceof Error && /TokenInvalid|401|Unauthorized/i.test(`${error.name} ${error.message}`)) {
    process.stderr.write(`briefbot: the platform refused the token (${error.message}): check DISCORD_TOKEN.\n`);
  } else process.stderr.write(`briefbot: unexpected error at start-up\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
