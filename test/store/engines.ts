/**
 * The two state store engines for the contract tests: a fresh SQLite file, or a fresh PostgreSQL
 * schema on the test server (each test file its own schemas, so parallel test workers never share
 * tables). The server is TEST_DATABASE_URL, by default the local one (trust auth, database `test`).
 *
 * Without a reachable server the PostgreSQL tests are skipped on a developer's machine, but under
 * CI=true they fail: CI promises to run them.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { PostgresStateStore } from '../../src/store/postgres-state-store.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { dataFolder } from '../helpers.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL test server answers; under CI=true its absence is an error. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${String(error)}); CI runs the PostgreSQL tests (.ci/run starts the server).`,
      );
    }
    console.warn(`PostgreSQL tests skipped: ${TEST_DATABASE_URL} is not reachable (${String(error)})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const schemas: string[] = [];

/** Drops the schemas this test file made. */
afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

/**
 * A new empty schema on the test server, and the database URL that uses it (its search_path set
 * through the connection's `options`, as an operator would).
 */
export async function freshSchemaUrl(): Promise<string> {
  const schema = `briefbot_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  schemas.push(schema);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** One engine: `place()` makes a new empty state location, `open(place)` opens a store on it (again). */
export interface Engine {
  name: 'sqlite' | 'postgres';
  place(): Promise<string>;
  open(place: string): Promise<StateStore>;
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  place: async () => join(dataFolder({}), 'briefbot.sqlite'),
  open: async (path) => SqliteStateStore.open(path),
};

export const postgresEngine: Engine = {
  name: 'postgres',
  place: freshSchemaUrl,
  open: (url) => PostgresStateStore.open(url),
};

/** The engines to test here: SQLite always, PostgreSQL when its server answers (always under CI). */
export async function engines(): Promise<Engine[]> {
  return (await postgresAvailable()) ? [sqliteEngine, postgresEngine] : [sqliteEngine];
}
