// The service on the PostgreSQL history (real Redis, real PostgreSQL behind a TCP proxy): two instances
// answer the same query with the same result; an instance started later answers the whole history at
// once; a restart loses nothing acknowledged; an outage degrades to memory with the coverage said,
// ingestion keeps going (spooled), and once the database is back every acknowledged event is in it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys, uniquePrefix } from '../service/redis-keys';
import { postJson, startTestService, type TestService } from '../service/harness';
import { pollUntil } from '../reliability/support/waiters';
import { dropSchema, uniqueSchema } from '../support/pg-schema';
import { TcpProxy } from '../support/tcp-proxy';

const dbUrl = inject('databaseUrl');
const redisUrl = inject('redisUrl');
const schema = uniqueSchema('svc_history');
const prefix = uniquePrefix('hist');
let proxy: TcpProxy;
const started: TestService[] = [];

async function instance(): Promise<TestService> {
  const svc = await startTestService(
    { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, M1_ANALYTICS_DATABASE_URL: proxy.urlFor(dbUrl as string), LOG_LEVEL: 'warn' },
    { historySchema: schema },
  );
  started.push(svc);
  return svc;
}

async function stop(svc: TestService): Promise<void> {
  started.splice(started.indexOf(svc), 1);
  await svc.close();
}

beforeAll(async () => {
  if (!dbUrl) return;
  const u = new URL(dbUrl);
  proxy = new TcpProxy(u.hostname, Number(u.port || 5432));
  await proxy.start();
});

afterAll(async () => {
  if (!dbUrl) return;
  for (const s of [...started]) await s.close();
  await proxy.close();
  await deleteKeys(redisUrl, prefix);
  await dropSchema(dbUrl, schema);
});

const now = Date.now();
const batch = (n: number, tool: string) =>
  Array.from({ length: n }, (_, k) => ({ type: 'tools', ts: now - 1000 - k, tool, status: k % 3 ? 'ok' : 'error', durationMs: k % 500 }));
const perTool = { type: 'tools', range: '1h', groupBy: ['tool'], aggregations: [{ fn: 'count' }, { fn: 'sum', field: 'durationMs' }, { fn: 'p95', field: 'durationMs' }] };

async function query(svc: TestService, q: unknown): Promise<{ rows: Record<string, unknown>[]; coverage?: { from: number; to: number } }> {
  const r = await postJson(`${svc.url}/v1/query`, q, await svc.token());
  expect(r.status).toBe(200);
  return r.body as { rows: Record<string, unknown>[]; coverage?: { from: number; to: number } };
}

async function ingest(svc: TestService, events: unknown[]): Promise<number> {
  const r = await postJson(`${svc.url}/v1/events`, { events }, await svc.token());
  return r.status;
}

describe.skipIf(!dbUrl)('service on the PostgreSQL history', () => {
  it('two instances answer the same; a later instance answers the history at once; a restart loses nothing', async () => {
    const a = await instance();
    const b = await instance();
    expect(await ingest(a, batch(500, 'alpha'))).toBe(202);
    expect(await ingest(b, batch(300, 'beta'))).toBe(202);
    const fromA = await query(a, perTool);
    const fromB = await query(b, perTool);
    expect(fromA.rows).toEqual(fromB.rows);
    expect(fromA.rows.map((r) => [r.tool, r.count])).toEqual([
      ['alpha', 500],
      ['beta', 300],
    ]);
    expect(fromA.coverage).toBeUndefined();

    // A new instance: its memory holds nothing of this (a fresh prefix would hold nothing at all), the
    // database answers.
    const c = await instance();
    expect((await query(c, perTool)).rows).toEqual(fromA.rows);

    await stop(a);
    await stop(b);
    const a2 = await instance();
    expect((await query(a2, perTool)).rows).toEqual(fromA.rows);
    const h = (await (await fetch(`${a2.url}/healthz`)).json()) as { status: string; analytics: { history: string } };
    expect(h).toMatchObject({ status: 'ok', analytics: { history: 'up' } });
    await stop(c);
    await stop(a2);
  }, 60_000);

  it('an outage: memory answers with coverage, ingestion goes on, the spool drains when the database is back', async () => {
    const svc = await instance();
    const before = (await query(svc, perTool)).rows;
    proxy.cut();
    // Accepted while the database is away (the first write notices the outage and spools).
    expect(await ingest(svc, batch(200, 'gamma'))).toBe(202);
    expect(await ingest(svc, batch(100, 'gamma'))).toBe(202);
    const during = await query(svc, perTool);
    expect(during.coverage).toBeDefined();
    expect(during.rows.find((r) => r.tool === 'gamma')?.count).toBe(300);
    const h = (await (await fetch(`${svc.url}/healthz`)).json()) as { status: string; warnings: string[]; analytics: { history: string } };
    expect(h.status).toBe('degraded');
    expect(h.analytics.history).toBe('down');
    expect(h.warnings.join(' ')).toMatch(/history database is unreachable/);
    expect(await (await fetch(`${svc.url}/metrics`)).text()).toMatch(/^m1_analytics_history_up 0$/m);

    proxy.restore();
    // The probe reconnects and drains the spool; the history then answers everything, in full.
    await pollUntil(() => svc.deps.history?.available() === true, 'the history database back and the spool drained', 20_000);
    const after = await query(svc, perTool);
    expect(after.coverage).toBeUndefined();
    expect(after.rows).toEqual([...before, ...after.rows.filter((r) => r.tool === 'gamma')]);
    expect(after.rows.find((r) => r.tool === 'gamma')?.count).toBe(300);
    await stop(svc);
  }, 60_000);
});

