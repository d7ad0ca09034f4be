// `m1-ops validate --connectivity` as a process, against the machine's Redis and a port nobody
// listens on: findings appear only with the flag, and the process ends once the checks are done.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/ports';
import { buildCli, m1ops, type Built } from './binary';

const PASSWORD = 'Cli-conn-s3cret-never-shown';
let built: Built;
let dir: string;
beforeAll(async () => {
  built = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'm1-cli-conn-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(built.root, { recursive: true, force: true });
});

interface Doc {
  files: { findings: { rule: string; level: string; message: string; key?: string; line: number }[] }[];
}

describe('--connectivity', () => {
  it('reports a closed port on the variable, never the password, and nothing without the flag', async () => {
    const closed = await freePort();
    const file = join(dir, '.env');
    writeFileSync(
      file,
      [
        'NODE_ENV=development',
        `REDIS_URL=${inject('redisUrl')}`,
        `M1_ANALYTICS_URL=http://:${PASSWORD}@127.0.0.1:${closed}`,
        '',
      ].join('\n'),
    );
    const without = await m1ops(built, ['validate', '--format', 'json', file]);
    expect((JSON.parse(without.stdout) as Doc).files[0]?.findings.filter((f) => f.rule === 'unreachable')).toEqual([]);

    const r = await m1ops(built, ['validate', '--connectivity', '--format', 'json', file]);
    const unreachable = (JSON.parse(r.stdout) as Doc).files[0]?.findings.filter((f) => f.rule === 'unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable?.[0]).toMatchObject({ key: 'M1_ANALYTICS_URL', level: 'warning', line: 3 });
    expect(unreachable?.[0]?.message).toMatch(/connection refused/);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('makes an unreachable service an error in production, so the default --fail-on fails', async () => {
    const closed = await freePort();
    const file = join(dir, '.env.production');
    writeFileSync(file, `NODE_ENV=production\nREDIS_URL=redis://127.0.0.1:${closed}\n`);
    // No M1_* variable: an M1 config only because --schema says so (connectivity checks follow the catalog).
    const r = await m1ops(built, ['validate', '--connectivity', '--schema', 'm1', '--format', 'json', file]);
    const f = (JSON.parse(r.stdout) as Doc).files[0]?.findings.find((x) => x.rule === 'unreachable');
    expect(f).toMatchObject({ level: 'error', key: 'REDIS_URL' });
    expect(r.code).toBe(1);
  });
});
