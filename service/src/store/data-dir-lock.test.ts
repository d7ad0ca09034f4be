import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const dir = (): string => mkdtempSync(join(tmpdir(), 'm1-lock-'));

describe('lockDataDir', () => {
  it('refuses a second holder while the first lives, naming it; frees the directory on release', () => {
    const d = dir();
    const first = lockDataDir(d);
    let err: unknown;
    try {
      lockDataDir(d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`in use by process ${process.pid} on ${hostname()}`);
    first.release();
    expect(existsSync(first.path)).toBe(false);
    lockDataDir(d).release();
  });

  it('takes over a lock whose process is gone (kill -9) or that is unreadable', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(d, 'lock'), JSON.stringify({ pid: Number(dead), host: hostname(), startedAt: 'then' }));
    const l = lockDataDir(d);
    expect(JSON.parse(readFileSync(l.path, 'utf8'))).toMatchObject({ pid: process.pid });
    l.release();
    writeFileSync(join(d, 'lock'), '{"pid":');
    lockDataDir(d).release();
  });
});
