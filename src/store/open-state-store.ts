/** Opens the state store the configuration asks for: PostgreSQL (DATABASE_URL) or the SQLite file. */
import { join } from 'node:path';
import { STATE_FILE, type StateStore } from './state-store.js';

export interface StateLocation {
  /** Folder of the SQLite file, used when no database URL is given. */
  stateDir: string;
  /** `postgres://...`: PostgreSQL instead of the SQLite file. */
  databaseUrl?: string | undefined;
}

/**
 * Opens the configured store: PostgreSQL when a database URL is given, else the SQLite file in the
 * state folder. Runs the schema migrations (one replica at a time). Never rejects for a state
 * problem: the store then reports it in `problem`.
 */
export async function openStateStore(location: StateLocation): Promise<StateStore> {
  if (location.databaseUrl) {
    const { PostgresStateStore } = await import('./postgres-state-store.js');
    return PostgresStateStore.open(location.databaseUrl);
  }
  const { SqliteStateStore } = await import('./sqlite-state-store.js');
  return SqliteStateStore.open(join(location.stateDir, STATE_FILE));
}
