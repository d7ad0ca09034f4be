// `m1-ops parse FILE [--expand]` as a process: values exactly as dotenv / dotenv-expand give them.
import { parse as dotenvParse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, m1ops, type Built } from './binary';

const FIXTURE = join(__dirname, '..', 'fixtures', 'cli', 'parse-cases.env');
const text = readFileSync(FIXTURE, 'utf8');

interface Entry {
  key: string;
  value: string;
  line: number;
}

let built: Built;
beforeAll(async () => {
  built = await buildCli();
});
afterAll(() => rmSync(built.root, { recursive: true, force: true }));

async function entries(args: string[], env: Record<string, string> = {}): Promise<Entry[]> {
  const r = await m1ops(built, ['parse', ...args], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { entries: Entry[] }).entries;
}

describe('parse', () => {
  it('gives dotenv parse() values, in its key order', async () => {
    const got = await entries([FIXTURE]);
    expect(Object.fromEntries(got.map((e) => [e.key, e.value]))).toEqual(dotenvParse(text));
    expect(got.map((e) => e.key)).toEqual(Object.keys(dotenvParse(text)));
  });

  it('gives the 1-based line of the entry dotenv keeps (the last duplicate)', async () => {
    const got = await entries([FIXTURE]);
    const line = (k: string): number | undefined => got.find((e) => e.key === k)?.line;
    expect(line('EXPORTED')).toBe(2);
    expect(line('DUP')).toBe(19);
    expect(got.find((e) => e.key === 'DUP')?.value).toBe('last');
    expect(line('MULTI')).toBe(8);
    expect(line('COLON')).toBe(10);
  });

  it('--expand gives dotenv-expand values without the shell environment leaking in', async () => {
    const got = await entries([FIXTURE, '--expand'], { HOME: '/home/leak', PLAIN: 'from-shell' });
    const values = Object.fromEntries(got.map((e) => [e.key, e.value]));
    expect(values).toEqual(expand({ parsed: dotenvParse(text), processEnv: {} }).parsed);
    expect(values.FROM_SHELL).toBe('/cache');
    expect(values.REF).toBe('value-ref');
    expect(values.DEFAULTED).toBe('fallback');
    expect(JSON.stringify(values)).not.toContain('leak');
  });

  it('needs exactly one FILE', async () => {
    expect(await m1ops(built, ['parse'])).toEqual({ code: 2, stdout: '', stderr: 'm1-ops: parse needs a FILE (see m1-ops --help)\n' });
    const two = await m1ops(built, ['parse', FIXTURE, FIXTURE]);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('m1-ops: parse takes one FILE (got 2) (see m1-ops --help)\n');
  });
});

describe('parse --expand where dotenv-expand has no answer', () => {
  it('answers for names that only exist on Object.prototype, and for a toString key', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'm1-parse-proto-'));
    const file = join(dir, '.env');
    // dotenv-expand loops forever on the first line and throws on the toString key.
    writeFileSync(file, 'A=${constructor}\ntoString=x\nB=$toString-y\nC=${hasOwnProperty:-dflt}\n');
    try {
      const values = Object.fromEntries((await entries([file, '--expand'])).map((e) => [e.key, e.value]));
      expect(values).toEqual({ A: '', toString: 'x', B: 'x-y', C: 'dflt' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
