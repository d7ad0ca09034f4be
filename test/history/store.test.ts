// The history's own mechanics on the real PostgreSQL: versioned migrations (once, refused when the
// database is newer than the build, and `m1-ops migrate` as a process), hourly partitions dropped whole
// by retention, the spool bound refusing (503) before anything is acknowledged.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpError } from '../../service/src/http/errors';
import { LATEST_VERSION, MigrationError } from '../../service/src/history/migrations';
import { PgHistory } from '../../service/src/history/pg-history';
import { binaries } from '../reliability/support/build';
import { dropSchema, uniqueSchema } from '../support/pg-schema';

const run = promisify(execFile);
const url = inject('databaseUrl');
const schema = uniqueSchema('store');
const cliSchema = uniqueSchema('cli');
const HOUR = 3_600_000;
let db: Client;

beforeAll(async () => {
  if (!url) return;
  db = new Client({ connectionString: url });
  await db.connect();
});
afterAll(async () => {
  if (!url) return;
  await db.end();
  await dropSchema(url, schema);
  await dropSchema(url, cliSchema);
});

const partitions = async (s: string) =>
  (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace n ON n.oid = p.relnamespace WHERE n.nspname = $1 AND p.relname = 'events' ORDER BY 1`,
      [s],
    )
  ).rows.map((r) => r.name);

describe.skipIf(!url)('PostgreSQL history store', () => {
  it('migrates once, drops whole hourly partitions past the retention, refuses a newer schema', async () => {
    let now = 1_000 * HOUR;
    const h = new PgHistory({ url: url as string, schema, engineOptions: { retentionMs: 2 * HOUR, anomalyZThreshold: 3 }, clock: () => now, spoolBytes: 1 << 20 });
    expect(await h.start()).toEqual([1, 2]);
    const ev = (seq: number, ts: number) => ({ seq, event: { id: String(seq), type: 'costs' as const, ts, amountUsd: 1 } });
    await h.append([ev(1, now - 3 * HOUR + 5), ev(2, now - HOUR), ev(3, now)]);
    expect(await partitions(schema)).toEqual(['events_h1000', 'events_h997', 'events_h999']);
    now += 10;
    expect(await h.applyRetention()).toBeGreaterThanOrEqual(1);
    expect(await partitions(schema)).toEqual(['events_h1000', 'events_h999']);
    await h.close();

    const again = new PgHistory({ url: url as string, schema, engineOptions: { retentionMs: HOUR, anomalyZThreshold: 3 }, spoolBytes: 1 << 20 });
    expect(await again.start()).toEqual([]);
    await again.close();
    await db.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [LATEST_VERSION + 1]);
    const old = new PgHistory({ url: url as string, schema, engineOptions: { retentionMs: HOUR, anomalyZThreshold: 3 }, spoolBytes: 1 << 20 });
    await expect(old.start()).rejects.toBeInstanceOf(MigrationError);
    await old.close();
  });

  it('refuses a batch with 503 before acknowledging it when the spool is full', async () => {
    const h = new PgHistory({ url: 'postgres://postgres@127.0.0.1:1/none', schema, engineOptions: { retentionMs: HOUR, anomalyZThreshold: 3 }, spoolBytes: 4000 });
    h.startDegraded('test: no database');
    expect(h.available()).toBe(false);
    h.assertCanAccept(5);
    await h.append([{ seq: 1, event: { id: '1', type: 'costs', ts: 1, amountUsd: 1 } }]);
    expect(h.spool.events).toBe(1);
    let refused: unknown = null;
    try {
      h.assertCanAccept(10);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(503);
    expect((refused as HttpError).headers['retry-after']).toBe('5');
    await h.close();
  });

  it('m1-ops migrate applies the migrations and says so; a second run has nothing to do', async () => {
    const { cli } = binaries();
    const env = { ...process.env, M1_ANALYTICS_DATABASE_URL: url as string };
    const first = await run(process.execPath, [cli, 'migrate', '--schema', cliSchema], { env });
    expect(first.stdout).toBe(`applied migration(s) 1, 2; schema at version ${LATEST_VERSION}\n`);
    const second = await run(process.execPath, [cli, 'migrate', '--schema', cliSchema], { env });
    expect(second.stdout).toBe(`schema already at version ${LATEST_VERSION}\n`);
    const missing = await run(process.execPath, [cli, 'migrate'], { env: { ...process.env, M1_ANALYTICS_DATABASE_URL: '' } }).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/M1_ANALYTICS_DATABASE_URL is not set/) as unknown });
  });
});
