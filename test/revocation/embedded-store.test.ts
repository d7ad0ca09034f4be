// The embedded store: restart, torn last line, kill -9 of a process that had acknowledged, and
// compaction. Real files in a temp dir, a real child process.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedRevocationStore } from '../../service/src/revocation/embedded-store';
import type { AuditInput, RevocationRecord } from '../../service/src/revocation/types';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'm1-rev-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function rec(jti: string, sub = 'bob'): RevocationRecord {
  return { jti, sub, tool: 'deploy', reason: 'leaked', actor: 'admin', revokedAt: new Date().toISOString(), expiresAt: null };
}
function auditOf(jti: string): AuditInput {
  return { action: 'revoke', actor: 'admin', client: '10.0.0.1', reason: 'leaked', jti, sub: 'bob', tool: 'deploy' };
}

describe('EmbeddedRevocationStore', () => {
  it('keeps revocations, revoke-alls and audit across a restart', async () => {
    const dir = tempDir();
    const s1 = await EmbeddedRevocationStore.open({ dataDir: dir });
    await s1.revoke(rec('t1'), Date.now() + 60_000, auditOf('t1'));
    await s1.revoke(rec('t2'), Date.now() + 60_000, auditOf('t2'));
    const nb = Date.now();
    await s1.revokeAll({ kind: 'sub', value: 'carol', notBefore: nb, until: nb + 60_000 }, { action: 'revoke-all', actor: 'admin', client: null, reason: 'offboarded', sub: 'carol' });
    await s1.appendAudit([{ action: 'denied', actor: 'checker:1', client: null, reason: null, jti: 't1', count: 3 }]);
    const before = await s1.queryAudit({ limit: 100 });
    await s1.close();

    const s2 = await EmbeddedRevocationStore.open({ dataDir: dir });
    expect(s2.recovery).toEqual({ lines: 4, truncatedBytes: 0, skipped: 0 });
    expect(await s2.getRecord('t1')).toMatchObject({ jti: 't1', sub: 'bob', tool: 'deploy', reason: 'leaked', actor: 'admin' });
    expect(await s2.lookup({ jti: 't2', sub: 'carol' })).toEqual({ jtiRevoked: true, subNotBefore: nb, toolNotBefore: null });
    expect(await s2.lookup({ jti: 'unknown' })).toEqual({ jtiRevoked: false, subNotBefore: null, toolNotBefore: null });
    const after = await s2.queryAudit({ limit: 100 });
    expect(after).toEqual(before);
    expect(after.entries.map((e) => e.action)).toEqual(['denied', 'revoke-all', 'revoke', 'revoke']);
    // New ids continue after the recovered ones.
    await s2.appendAudit([{ action: 'denied', actor: 'x', client: null, reason: null }]);
    const newest = (await s2.queryAudit({ limit: 1 })).entries[0];
    expect(newest?.actor).toBe('x');
    expect(newest && newest.id > (after.entries[0]?.id ?? '')).toBe(true);
    await s2.close();
  });

  it('drops a torn last line on recovery and keeps everything before it', async () => {
    const dir = tempDir();
    const s1 = await EmbeddedRevocationStore.open({ dataDir: dir });
    await s1.revoke(rec('ok'), Date.now() + 60_000, auditOf('ok'));
    await s1.close();
    const file = join(dir, 'revocations.log');
    const good = statSync(file).size;
    appendFileSync(file, '{"k":"rev","jti":"torn","rec":"{\\"s\\"'); // a write cut short

    const s2 = await EmbeddedRevocationStore.open({ dataDir: dir });
    expect(s2.recovery.truncatedBytes).toBeGreaterThan(0);
    expect(statSync(file).size).toBe(good);
    expect(await s2.getRecord('ok')).not.toBeNull();
    expect(await s2.getRecord('torn')).toBeNull();
    await s2.revoke(rec('next'), Date.now() + 60_000, auditOf('next'));
    await s2.close();
    const s3 = await EmbeddedRevocationStore.open({ dataDir: dir });
    expect(s3.recovery).toEqual({ lines: 2, truncatedBytes: 0, skipped: 0 });
    expect(await s3.getRecord('next')).not.toBeNull();
    await s3.close();
  });

  it('loses nothing it acknowledged when its process is killed with SIGKILL', async () => {
    const dir = tempDir();
    const bundle = join(tempDir(), 'child.cjs');
    await build({ entryPoints: [join(__dirname, 'embedded-child.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    const child = spawn(process.execPath, [bundle, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length === 300) child.kill('SIGKILL'); // right after an acknowledgement
    }
    expect(await exited).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const s = await EmbeddedRevocationStore.open({ dataDir: dir });
    const missing = [];
    for (const jti of acked) if ((await s.getRecord(jti)) === null) missing.push(jti);
    expect(missing).toEqual([]);
    const audited = new Set((await s.queryAudit({ limit: 100_000 })).entries.map((e) => e.jti));
    expect(acked.filter((j) => !audited.has(j))).toEqual([]);
    await s.close();
  });

  it('compacts a log whose records expired and whose audit aged out, keeping live state', async () => {
    const dir = tempDir();
    const clock = { t: Date.now() };
    const now = (): number => clock.t;
    const s1 = await EmbeddedRevocationStore.open({ dataDir: dir, now });
    const hour = 3_600_000;
    await Promise.all(Array.from({ length: 1500 }, (_, i) => s1.revoke(rec(`gone-${i}`), clock.t + hour, auditOf(`gone-${i}`))));
    clock.t += 31 * 24 * hour; // past the records' lifetime and the 30-day audit retention
    await s1.revoke(rec('live'), clock.t + hour, auditOf('live'));
    const file = join(dir, 'revocations.log');
    const bigLines = readFileSync(file, 'utf8').split('\n').length;
    await s1.sweep();
    const smallLines = readFileSync(file, 'utf8').split('\n').length;
    expect(bigLines).toBe(1502);
    expect(smallLines).toBe(3); // the live record, its audit entry, and the final newline
    await s1.close();
    const s2 = await EmbeddedRevocationStore.open({ dataDir: dir, now });
    expect(await s2.getRecord('live')).not.toBeNull();
    expect(await s2.getRecord('gone-1')).toBeNull();
    expect((await s2.queryAudit({ limit: 10_000 })).entries.map((e) => e.jti)).toEqual(['live']);
    await s2.revoke(rec('after'), clock.t + hour, auditOf('after'));
    await s2.close();
    const s3 = await EmbeddedRevocationStore.open({ dataDir: dir, now });
    expect(s3.recovery.skipped).toBe(0);
    expect((await s3.queryAudit({ limit: 10 })).entries.map((e) => e.jti)).toEqual(['after', 'live']);
    await s3.close();
  });
});
