import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, decode, readEnvFile } from './read-env-file';

const dir = mkdtempSync(join(tmpdir(), 'm1-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decode', () => {
  it('strips a UTF-8 BOM and says it was there', () => {
    expect(decode(Buffer.from('\uFEFFA=1\n'))).toEqual({ text: 'A=1\n', bom: true, validUtf8: true });
  });
  it('replaces invalid UTF-8 with U+FFFD and flags it', () => {
    expect(decode(Buffer.from([0x41, 0x3d, 0xc3, 0x28, 0x0a]))).toEqual({ text: 'A=\uFFFD(\n', bom: false, validUtf8: false });
  });
  it('refuses NUL bytes and UTF-16, each with its own reason', () => {
    expect(() => decode(Buffer.from([0x41, 0x00, 0x42]))).toThrow(/binary file \(contains NUL bytes\)/);
    expect(() => decode(Buffer.from('\uFEFFA=1', 'utf16le'))).toThrow(/UTF-16 encoded; save it as UTF-8/);
  });
  it('keeps CRLF untouched', () => {
    expect(decode(Buffer.from('A=1\r\nB=2\r\n')).text).toBe('A=1\r\nB=2\r\n');
  });
});

describe('readEnvFile', () => {
  it('refuses a file over the limit without reading it', async () => {
    const big = join(dir, 'big.env');
    writeFileSync(big, '');
    truncateSync(big, MAX_FILE_BYTES + 1); // sparse: no 10 MB written
    await expect(readEnvFile(big)).rejects.toThrow(`${big}: too large (10.0 MB; the limit is 10.0 MB)`);
  });
  it('names missing files and directories in words', async () => {
    await expect(readEnvFile(join(dir, 'nope'))).rejects.toThrow(/nope: no such file or directory$/);
    await expect(readEnvFile(dir)).rejects.toThrow(/: is a directory$/);
  });
  it('returns the permission bits', async () => {
    const f = join(dir, '.env');
    writeFileSync(f, 'A=1\n', { mode: 0o640 });
    expect((await readEnvFile(f)).mode).toBe(0o640);
  });
});
