/**
 * Bolt's installation store over the state store: the OAuth install flow saves each workspace's
 * installation (bot token included) there, and every replica looks the token up per request. An
 * organisation-wide (Enterprise Grid) install is keyed by its enterprise, any other by its team.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { StateStore } from '../../store/state-store.js';

type Installations = Pick<StateStore, 'saveInstallation' | 'installation' | 'deleteInstallation'>;

/** The key an installation is saved under. */
export function installationKey(
  enterpriseId: string | undefined,
  teamId: string | undefined,
  orgWide: boolean,
): string {
  if (orgWide && enterpriseId) return `enterprise:${enterpriseId}`;
  if (!teamId) throw new Error('an installation without a team or an enterprise');
  return `team:${teamId}`;
}

const keyOfQuery = (query: InstallationQuery<boolean>): string =>
  installationKey(query.enterpriseId, query.teamId, query.isEnterpriseInstall);

export function stateInstallationStore(store: Installations, clock: () => Date = () => new Date()): InstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const key = installationKey(
        installation.enterprise?.id,
        installation.team?.id,
        installation.isEnterpriseInstall === true,
      );
      await store.saveInstallation(key, JSON.stringify(installation), clock());
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
      const key = keyOfQuery(query);
      const data = await store.installation(key);
      if (!data) throw new Error(`the app is not installed for ${key}`);
      return JSON.parse(data) as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      await store.deleteInstallation(keyOfQuery(query));
    },
  };
}
