// The library entry as an M1 application uses it (the docs/revocation.md example): a checker on
// the service's Redis sees revocations made through the service's store, and the bundle exports it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { createRevocationChecker, RedisRevocationStore } from '../../service/src/revocation/index';
import { claims, nextEvent, uniquePrefix } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'm1-rev-lib-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('createRevocationChecker enforces a revocation made by the service', async () => {
  const keyPrefix = uniquePrefix('library');
  const errors: unknown[] = [];
  const checker = await createRevocationChecker({ redisUrl: inject('redisUrl'), keyPrefix, cacheTtlS: 60, onError: (e) => errors.push(e) });
  const service = new RedisRevocationStore({ url: inject('redisUrl'), keyPrefix, commandTimeoutMs: 500, connectTimeoutMs: 2000 });
  await service.ready();
  const c = claims({ tool: 'search' });
  expect(await checker.isRevoked(c)).toBe(false);
  const heard = nextEvent(checker, 'invalidated');
  await service.revoke(
    { jti: c.jti, sub: c.sub, tool: 'search', reason: 'test', actor: 'admin', revokedAt: new Date().toISOString(), expiresAt: null },
    Date.now() + 60_000,
    { action: 'revoke', actor: 'admin', client: null, reason: 'test', jti: c.jti, sub: c.sub },
  );
  await heard;
  expect(await checker.isRevoked(c)).toBe(true);
  expect(await checker.check(c)).toBe('revoked');
  // The denial is audited in the shared stream, where the service's audit endpoint reads it.
  await checker.flushAudit();
  const page = await service.queryAudit({ limit: 10, sub: c.sub });
  // Two denials: the first written at once, the second folded into the window's aggregate.
  expect(page.entries.map((e) => e.action)).toEqual(['denied', 'denied', 'revoke']);
  expect(page.entries[0]).toMatchObject({ actor: expect.stringMatching(/^checker:/) as unknown, count: 1, jti: c.jti });
  expect(page.entries.reduce((n, e) => n + (e.count ?? 0), 0)).toBe(2);
  expect(errors).toEqual([]);
  await checker.close();
  await service.close();
});

it('the bundle (dist/revocation.js, built by the global setup) exports the checker', () => {
  const out = join(__dirname, '..', '..', 'dist', 'revocation.js');
  const keys = execFileSync(process.execPath, ['-e', `process.stdout.write(Object.keys(require(${JSON.stringify(out)})).sort().join(','))`], { encoding: 'utf8' });
  expect(keys.split(',')).toEqual(expect.arrayContaining(['createRevocationChecker', 'RevocationChecker', 'RedisRevocationStore', 'decodeJwt']));
});
