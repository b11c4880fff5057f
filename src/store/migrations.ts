/**
 * The state store's schema, as numbered migrations in both dialects. A store applies, at start-up,
 * the ones its database has not recorded in `schema_migrations`, in order and in one transaction,
 * while holding a lock that makes other replicas wait (PostgreSQL: an advisory lock; SQLite: the
 * file's write lock). Never edit a migration that has shipped: add the next one.
 *
 * Version 1 is the schema SQLite files had before migrations existed (CREATE ... IF NOT EXISTS), so
 * such a file is adopted as it is.
 */
export interface Migration {
  version: number;
  /** What it changes, for the log and the migrations table. */
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, digest ledger, document arrivals',
    sqlite: `
      CREATE TABLE IF NOT EXISTS subscriptions (
        key TEXT PRIMARY KEY, platform TEXT NOT NULL, channel_id TEXT NOT NULL, time TEXT NOT NULL,
        timezone TEXT NOT NULL, quiet INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        paused_reason TEXT
      );
      CREATE TABLE IF NOT EXISTS digest_ledger (
        key TEXT NOT NULL, digest_date TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('posting', 'posted')),
        claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL, posted_at TEXT, message_ref TEXT,
        PRIMARY KEY (key, digest_date)
      );
      CREATE TABLE IF NOT EXISTS document_arrivals (
        document_id TEXT PRIMARY KEY, hash TEXT NOT NULL, arrived_at TEXT NOT NULL
      );`,
    postgres: `
      CREATE TABLE subscriptions (
        key TEXT PRIMARY KEY, platform TEXT NOT NULL, channel_id TEXT NOT NULL, time TEXT NOT NULL,
        timezone TEXT NOT NULL, quiet BOOLEAN NOT NULL, created_by TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
        paused_reason TEXT
      );
      CREATE TABLE digest_ledger (
        key TEXT NOT NULL, digest_date TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('posting', 'posted')),
        claimed_by TEXT NOT NULL, claimed_at TIMESTAMPTZ NOT NULL, posted_at TIMESTAMPTZ, message_ref TEXT,
        PRIMARY KEY (key, digest_date)
      );
      CREATE TABLE document_arrivals (
        document_id TEXT PRIMARY KEY, hash TEXT NOT NULL, arrived_at TIMESTAMPTZ NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'platform deliveries already answered (Slack retries across replicas)',
    sqlite: `
      CREATE TABLE deliveries (id TEXT PRIMARY KEY, seen_at TEXT NOT NULL);
      CREATE INDEX deliveries_seen_at ON deliveries (seen_at);`,
    postgres: `
      CREATE TABLE deliveries (id TEXT PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL);
      CREATE INDEX deliveries_seen_at ON deliveries (seen_at);`,
  },
  {
    version: 3,
    name: 'shared documents (corpus changes reaching every replica)',
    sqlite: `
      CREATE TABLE shared_documents (
        id TEXT PRIMARY KEY, file TEXT NOT NULL, hash TEXT, body BLOB, version INTEGER NOT NULL
      );
      CREATE INDEX shared_documents_version ON shared_documents (version);`,
    postgres: `
      CREATE TABLE shared_documents (
        id TEXT PRIMARY KEY, file TEXT NOT NULL, hash TEXT, body BYTEA, version BIGINT NOT NULL
      );
      CREATE INDEX shared_documents_version ON shared_documents (version);`,
  },
  {
    version: 4,
    name: 'Slack installations, and the workspace of each subscription',
    sqlite: `
      CREATE TABLE slack_installations (key TEXT PRIMARY KEY, data TEXT NOT NULL, installed_at TEXT NOT NULL);
      ALTER TABLE subscriptions ADD COLUMN workspace_id TEXT;
      CREATE INDEX subscriptions_workspace ON subscriptions (platform, workspace_id);`,
    postgres: `
      CREATE TABLE slack_installations (key TEXT PRIMARY KEY, data JSONB NOT NULL, installed_at TIMESTAMPTZ NOT NULL);
      ALTER TABLE subscriptions ADD COLUMN workspace_id TEXT;
      CREATE INDEX subscriptions_workspace ON subscriptions (platform, workspace_id);`,
  },
  {
    version: 5,
    name: 'followed web sources, their fetched documents and fetch state',
    sqlite: `
      CREATE TABLE web_sources (
        id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, title TEXT,
        every_minutes INTEGER NOT NULL, status TEXT NOT NULL, last_error TEXT, failures INTEGER NOT NULL,
        last_fetched_at TEXT, next_poll_at TEXT NOT NULL, etag TEXT, last_modified TEXT, created_at TEXT NOT NULL
      );
      CREATE TABLE web_follows (
        source_id INTEGER NOT NULL REFERENCES web_sources (id) ON DELETE CASCADE, scope TEXT NOT NULL,
        added_by TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (source_id, scope)
      );
      CREATE TABLE web_documents (
        id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, site TEXT NOT NULL, byline TEXT,
        published TEXT, body TEXT NOT NULL, content_hash TEXT NOT NULL, from_feed INTEGER NOT NULL, fetched_at TEXT NOT NULL
      );
      CREATE INDEX web_documents_content ON web_documents (content_hash);
      CREATE TABLE web_document_urls (
        url TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES web_documents (id) ON DELETE CASCADE, seq INTEGER NOT NULL
      );
      CREATE TABLE web_source_items (
        source_id INTEGER NOT NULL REFERENCES web_sources (id) ON DELETE CASCADE, item_key TEXT NOT NULL,
        document_id TEXT NOT NULL, PRIMARY KEY (source_id, item_key)
      );`,
    postgres: `
      CREATE TABLE web_sources (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, url TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, title TEXT,
        every_minutes INTEGER NOT NULL, status TEXT NOT NULL, last_error TEXT, failures INTEGER NOT NULL,
        last_fetched_at TEXT, next_poll_at TEXT NOT NULL, etag TEXT, last_modified TEXT, created_at TEXT NOT NULL
      );
      CREATE TABLE web_follows (
        source_id BIGINT NOT NULL REFERENCES web_sources (id) ON DELETE CASCADE, scope TEXT NOT NULL,
        added_by TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (source_id, scope)
      );
      CREATE TABLE web_documents (
        id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, site TEXT NOT NULL, byline TEXT,
        published TEXT, body TEXT NOT NULL, content_hash TEXT NOT NULL, from_feed BOOLEAN NOT NULL, fetched_at TEXT NOT NULL
      );
      CREATE INDEX web_documents_content ON web_documents (content_hash);
      CREATE TABLE web_document_urls (
        url TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES web_documents (id) ON DELETE CASCADE, seq INTEGER NOT NULL
      );
      CREATE TABLE web_source_items (
        source_id BIGINT NOT NULL REFERENCES web_sources (id) ON DELETE CASCADE, item_key TEXT NOT NULL,
        document_id TEXT NOT NULL, PRIMARY KEY (source_id, item_key)
      );`,
  },
  {
    // Replicas poll this one number and re-read the sources' documents, items and follows only when it moved.
    // Triggers bump it in the writing transaction, so a reader that sees version n sees the rows it counts.
    version: 6,
    name: 'a change counter of web documents, source items and follows',
    sqlite: `
      CREATE TABLE web_changes (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);
      INSERT INTO web_changes VALUES (1, 0);
      CREATE TRIGGER web_documents_insert AFTER INSERT ON web_documents BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_documents_update AFTER UPDATE ON web_documents BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_documents_delete AFTER DELETE ON web_documents BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_follows_insert AFTER INSERT ON web_follows BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_follows_update AFTER UPDATE ON web_follows BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_follows_delete AFTER DELETE ON web_follows BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_source_items_insert AFTER INSERT ON web_source_items BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_source_items_update AFTER UPDATE ON web_source_items BEGIN UPDATE web_changes SET version = version + 1; END;
      CREATE TRIGGER web_source_items_delete AFTER DELETE ON web_source_items BEGIN UPDATE web_changes SET version = version + 1; END;`,
    postgres: `
      CREATE TABLE web_changes (one BOOLEAN PRIMARY KEY CHECK (one), version BIGINT NOT NULL);
      INSERT INTO web_changes VALUES (TRUE, 0);
      CREATE FUNCTION web_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN UPDATE web_changes SET version = version + 1; RETURN NULL; END $$;
      CREATE TRIGGER web_documents_changed AFTER INSERT OR UPDATE OR DELETE ON web_documents FOR EACH STATEMENT EXECUTE FUNCTION web_changed();
      CREATE TRIGGER web_follows_changed AFTER INSERT OR UPDATE OR DELETE ON web_follows FOR EACH STATEMENT EXECUTE FUNCTION web_changed();
      CREATE TRIGGER web_source_items_changed AFTER INSERT OR UPDATE OR DELETE ON web_source_items FOR EACH STATEMENT EXECUTE FUNCTION web_changed();`,
  },
];

/** The schema version a fully migrated store is at. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
