// Bad input: each gets one clear line on stderr and the right exit code; never a stack trace,
// never a hang (a hang would fail the test on its timeout).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, m1ops, STACK_LINE, type Built } from './binary';

let built: Built;
let dir: string;
beforeAll(async () => {
  built = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'm1-cli-bad-'));
  chmodSync(dir, 0o755); // readable by the unprivileged user of the permission test
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(built.root, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const VALID = 'NODE_ENV=development\nM1_API_BASE_URL=http://localhost:8080\n';

describe('refused with exit 2 and one line', () => {
  it('binary garbage', async () => {
    const p = file('garbage.env', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xd8]));
    const r = await m1ops(built, ['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: binary file (contains NUL bytes); not an env file\n`);
  });

  it('a UTF-16 file, with what to do', async () => {
    const p = file('utf16.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A=1\n', 'utf16le')]));
    const r = await m1ops(built, ['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: UTF-16 encoded; save it as UTF-8 (dotenv reads UTF-8 only)\n`);
  });

  it('a 50 MB file (over the 10 MB limit), without reading it', async () => {
    const p = file('huge.env', '');
    truncateSync(p, 50 * 1024 * 1024); // sparse file: nothing written to disk
    const r = await m1ops(built, ['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: too large (50.0 MB; the limit is 10.0 MB): not an env file?\n`);
  });

  it('a missing file', async () => {
    const r = await m1ops(built, ['validate', join(dir, 'nope.env')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${join(dir, 'nope.env')}: no such file or directory\n`);
  });

  it('a path through a file', async () => {
    const p = file('plain.env', VALID);
    const r = await m1ops(built, ['validate', join(p, 'child')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${join(p, 'child')}: a part of the path is not a directory\n`);
  });

  it('a FIFO (which would block a naive reader forever)', async () => {
    const p = join(dir, 'pipe.env');
    execFileSync('mkfifo', [p]);
    const r = await m1ops(built, ['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: not a regular file (a FIFO, socket or device is never read)\n`);
  });

  it('an unreadable file (run as an unprivileged user when the tests run as root)', async () => {
    const p = file('secret.env', VALID);
    chmodSync(p, 0o000);
    const asRoot = process.getuid?.() === 0;
    // root reads anything: the binary runs as `nobody` instead, which cannot.
    const r = await m1ops(built, ['validate', p], asRoot ? { uid: 65534, gid: 65534, cwd: '/' } : {});
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: permission denied\n`);
  });

  it('parse refuses the same inputs the same way', async () => {
    const p = file('garbage2.env', Buffer.from([0x00, 0x01, 0x02]));
    const r = await m1ops(built, ['parse', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${p}: binary file (contains NUL bytes); not an env file\n`);
  });
});

describe('accepted', () => {
  it('a 1 MB line is validated, not choked on', async () => {
    const p = file('long-line.env', `${VALID}M1_RELEASE=${'x'.repeat(1024 * 1024)}\n`);
    const r = await m1ops(built, ['validate', '--format', 'json', p]);
    expect([0, 1]).toContain(r.code);
    expect((JSON.parse(r.stdout) as { files: unknown[] }).files).toHaveLength(1);
  });

  it('invalid UTF-8: read with U+FFFD replacements, with a warning, and not rewritten by --fix', async () => {
    const bytes = Buffer.concat([Buffer.from('NODE_ENV=development \nM1_INSTANCE_ID=caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const p = file('latin1.env', bytes);
    const r = await m1ops(built, ['validate', '--fix', '--format', 'json', p]);
    expect(r.stderr).toBe(`m1-ops: ${p}: not valid UTF-8; invalid bytes read as U+FFFD (as dotenv reads them); not fixed\n`);
    expect([0, 1]).toContain(r.code);
    expect(Buffer.compare(Buffer.from(bytes), (await import('node:fs')).readFileSync(p))).toBe(0);
  });

  it('a BOM: the first key is read without it and columns count from after it', async () => {
    const p = file('bom.env', '\uFEFFJWT_ALGORITHM=none\n');
    const r = await m1ops(built, ['validate', '--format', 'json', p]);
    const doc = JSON.parse(r.stdout) as { files: { findings: { rule: string; column: number; key?: string }[] }[] };
    expect(doc.files[0]?.findings.find((f) => f.rule === 'algorithm-none')).toMatchObject({ key: 'JWT_ALGORITHM', column: 15 });
    expect(r.stdout).not.toContain('\uFEFF');
    const parsed = await m1ops(built, ['parse', p]);
    expect(JSON.parse(parsed.stdout)).toEqual({ entries: [{ key: 'JWT_ALGORITHM', value: 'none', line: 1 }] });
  });

  it('CRLF line ends: lines are counted as editors count them', async () => {
    const p = file('crlf.env', 'NODE_ENV=development\r\nM1_API_BASE_URL=http://localhost:8080\r\nJWT_ALGORITHM=none\r\n');
    const r = await m1ops(built, ['validate', '--format', 'json', p]);
    const doc = JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number; endColumn: number }[] }[] };
    expect(doc.files[0]?.findings.find((f) => f.rule === 'algorithm-none')).toMatchObject({ line: 3, endColumn: 19 });
  });

  it('no stack trace for any of the above', async () => {
    const r = await m1ops(built, ['validate', dir, join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
