// Versioned migrations of the analytics history schema, run at start (and by `m1-ops migrate`): each
// version runs once, in its own transaction, under an advisory lock so that instances starting together
// do not race. A database with a version newer than this build knows is refused (an older instance must
// not write into a layout it does not understand).
import type { Pool, PoolClient } from 'pg';
import { NUMBER_COLUMNS, STRING_COLUMNS } from './columns';

export interface Migration {
  version: number;
  name: string;
  sql(schema: string): string;
}

/** Identifiers are quoted; a schema name is checked once where it comes in (history options). */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events partitioned by hour, per-minute rollups (one row per minute, type and dimensions) partitioned by day',
    sql: (s) => `
      CREATE TABLE "${s}".events (
        ts double precision NOT NULL,
        seq bigint NOT NULL,
        type text NOT NULL,
        ${STRING_COLUMNS.map((c) => `"${c}" text`).join(',\n        ')},
        ${NUMBER_COLUMNS.map((c) => `"${c}" double precision`).join(',\n        ')},
        tags jsonb
      ) PARTITION BY RANGE (ts);
      CREATE INDEX ON "${s}".events (type, ts);
      CREATE TABLE "${s}".rollups (
        minute bigint NOT NULL,
        type text NOT NULL,
        d0 text, d1 text, d2 text,
        rows bigint NOT NULL,
        -- One element per numeric field of the type, in the order of columns.ts numericFields().
        n bigint[] NOT NULL,
        sum double precision[] NOT NULL,
        sumsq double precision[] NOT NULL,
        min double precision[] NOT NULL,
        max double precision[] NOT NULL,
        sketch bytea[] NOT NULL
      ) PARTITION BY RANGE (minute);
      CREATE INDEX ON "${s}".rollups (type, minute);`,
  },
  {
    version: 2,
    name: '5-minute rollups beside the per-minute ones (minute = the span start)',
    sql: (s) => `
      CREATE TABLE "${s}".rollups_5m (LIKE "${s}".rollups) PARTITION BY RANGE (minute);
      CREATE INDEX ON "${s}".rollups_5m (type, minute);`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies the missing versions; resolves to the versions applied now (empty when up to date). */
export async function migrate(pool: Pool, schema: string): Promise<number[]> {
  if (!SCHEMA_NAME.test(schema)) throw new MigrationError(`invalid schema name "${schema}"`);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`m1-history:${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const have = new Set((await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`)).rows.map((r) => r.version));
      const newest = Math.max(0, ...have);
      if (newest > LATEST_VERSION) {
        throw new MigrationError(`the analytics history schema is at version ${newest}, newer than this build knows (${LATEST_VERSION}): upgrade m1-ops`);
      }
      for (const m of MIGRATIONS) {
        if (have.has(m.version)) continue;
        await inTransaction(client, async () => {
          await client.query(m.sql(schema));
          await client.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        });
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`m1-history:${schema}`]);
    }
  } finally {
    client.release();
  }
  return applied;
}

export async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
