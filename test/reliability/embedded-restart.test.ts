// The embedded store (no REDIS_URL), `m1-ops serve` killed with SIGKILL and started again on the
// same M1_DATA_DIR:
// - during a burst of revocations: after the restart every acknowledged revocation, and its audit
//   entry, is there;
// - after events were streamed: the new run's ids continue beyond every id the previous run handed
//   out, so a client's old Last-Event-ID gets a `reset`, never a replay of other events that
//   happen to carry the ids it asks for.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaries, type Binaries } from './support/build';
import { Figures, since } from './support/figures';
import { json, send } from './support/http';
import { budget, scale } from './support/mode';
import { produce } from './support/produce';
import { revokeBurst } from './support/revocations';
import { killAll, MANY_CLIENTS_ONE_TOKEN, ServeProcess, TEST_SECRET } from './support/serve';
import { CountingStream } from './support/sse-raw';
import { adminToken } from './support/tokens';
import { Waiters } from './support/waiters';

const BURST = scale(2_000, 20_000);
const figures = new Figures('embedded-restart');
const started: ServeProcess[] = [];
let bin: Binaries;
let admin: string;

beforeAll(async () => {
  bin = binaries();
  admin = await adminToken(TEST_SECRET, { sub: 'kill9-admin' });
}, 120_000);
afterAll(async () => {
  figures.write();
  await killAll(started);
});

async function serve(dataDir: string): Promise<ServeProcess> {
  const p = await ServeProcess.start(bin.cli, { env: { M1_DATA_DIR: dataDir, M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', ...MANY_CLIENTS_ONE_TOKEN }, label: 'embedded' });
  started.push(p);
  return p;
}

interface AuditPage {
  entries: Array<{ action: string; jti?: string }>;
  nextCursor: string | null;
}

async function auditedJtis(base: string): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor: string | null = null;
  do {
    const q: string = `actor=kill9-admin&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: AuditPage = json<AuditPage>(await send('GET', `${base}/v1/tokens/audit?${q}`, { token: admin }));
    for (const e of page.entries) if (e.action === 'revoke' && e.jti) out.add(e.jti);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

describe('the embedded store across kill -9', () => {
  it(`keeps every acknowledged revocation of a burst of ${BURST} killed half-way`, { timeout: budget(120_000, 600_000) }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm1-rel-kill9-'));
    const first = await serve(dir);
    const jtis = Array.from({ length: BURST }, () => randomUUID());
    const kill: { exit: Promise<unknown> | null } = { exit: null };
    const burst = await revokeBurst(() => [first.url], admin, jtis, 64, Math.floor(Date.now() / 1000) + 3600, (acked) => {
      if (kill.exit === null && acked >= BURST / 3) kill.exit = first.kill('SIGKILL');
    });
    expect(await kill.exit).toMatchObject({ signal: 'SIGKILL' });
    expect(burst.acked.length).toBeGreaterThanOrEqual(BURST / 3);

    const t0 = performance.now();
    const second = await serve(dir);
    const restartMs = since(t0);
    const missing: string[] = [];
    for (let i = 0; i < burst.acked.length; i += 32) {
      await Promise.all(
        burst.acked.slice(i, i + 32).map(async (jti) => {
          const r = json<{ revoked: boolean }>(await send('GET', `${second.url}/v1/tokens/${jti}`, { token: admin }));
          if (!r.revoked) missing.push(jti);
        }),
      );
    }
    const audited = await auditedJtis(second.url);
    const unaudited = burst.acked.filter((j) => !audited.has(j));
    expect({ missing, unaudited }).toEqual({ missing: [], unaudited: [] });
    figures.set('kill9DuringRevocations', {
      burst: BURST,
      concurrency: 64,
      acknowledgedBeforeKill: burst.acked.length,
      notAcknowledged: burst.unanswered, // in flight at the kill, or refused after it
      acknowledgedLostAfterRestart: missing.length,
      auditEntriesLost: unaudited.length,
      restartMs,
    });
  });

  it('a restarted run hands out ids beyond every id of the previous run: an old Last-Event-ID gets a reset, not other events', { timeout: budget(60_000, 120_000) }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm1-rel-ids-'));
    const waiters = new Waiters();
    const first = await serve(dir);
    const before = new CountingStream(`${first.url}/v1/stream`, admin, waiters);
    await waiters.until(() => before.status === 200, 'stream open', 30_000);
    await produce({ targets: () => [first.url], token: admin, tag: 'run1', total: 30, batch: 10 });
    await waiters.until(() => before.events === 30, '30 events', 30_000);
    const oldLast = before.lastId;
    before.close();
    expect(await first.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });

    const second = await serve(dir);
    const fresh = new CountingStream(`${second.url}/v1/stream`, admin, waiters);
    await waiters.until(() => fresh.status === 200, 'stream open', 30_000);
    // More events than the old run had: with ids restarting at 1, the old id would be inside them.
    await produce({ targets: () => [second.url], token: admin, tag: 'run2', total: 60, batch: 20 });
    await waiters.until(() => fresh.events === 60, '60 events', 30_000);
    expect(fresh.firstId).toBeGreaterThan(oldLast);
    expect(fresh.outOfOrder).toBe(0);
    const newLast = fresh.lastId;

    const resumed = new CountingStream(`${second.url}/v1/stream`, admin, waiters, { 'last-event-id': String(oldLast) });
    await waiters.until(() => resumed.status === 200 && resumed.resets + resumed.events > 0, 'the first frame', 30_000);
    const replayed = resumed.events;
    expect({ resets: resumed.resets, replayed }).toEqual({ resets: 1, replayed: 0 });
    await produce({ targets: () => [second.url], token: admin, tag: 'run2b', total: 1, batch: 1 });
    await waiters.until(() => resumed.events === 1, 'the live event', 30_000);
    expect(resumed.firstId).toBe(newLast + 1);
    for (const s of [fresh, resumed]) s.close();
    figures.set('idsAfterRestart', { oldRunLastId: oldLast, newRunFirstId: fresh.firstId, oldLastEventIdGot: 'reset', replayedWrongEvents: replayed });
  });
});
