/**
 * Registers the slash commands with Discord from the command definitions: one bulk overwrite,
 * in one server when a guild id is given (instant, for development), globally otherwise.
 */
import { REST, Routes } from 'discord.js';
import type { CommandDefinition } from '../../../commands/command.js';
import type { DiscordConfig } from '../../config.js';
import { discordCommandsOf } from './command-data.js';

export interface Registration {
  scope: 'guild' | 'global';
  names: string[];
}

/** PUTs every command; resolves with what was registered where. */
export async function registerCommands(
  config: DiscordConfig,
  commands: readonly CommandDefinition[],
): Promise<Registration> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const body = discordCommandsOf(commands);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  await rest.put(route, { body });
  return { scope: config.guildId ? 'guild' : 'global', names: body.map((command) => command.name) };
}
