/** `npm run discord:register`: registers the slash commands (guild when DISCORD_GUILD_ID is set). */
import { commands } from '../commands/index.js';
import { registerCommands } from './adapters/discord/register.js';
import { ConfigError, loadConfig } from './config.js';
import { exitWithStartupError } from './startup-error.js';

try {
  const { discord } = loadConfig();
  if (!discord)
    throw new ConfigError(
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register the commands (see .env.example).',
    );
  const { scope, names } = await registerCommands(discord, commands);
  process.stdout.write(
    `Registered ${names.map((name) => `/${name}`).join(', ')} ${scope === 'guild' ? `in server ${discord.guildId} (instant)` : 'globally (may take up to an hour to appear)'}.\n`,
  );
} catch (error) {
  exitWithStartupError(error);
}
