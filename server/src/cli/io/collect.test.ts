import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, isEnvFileName } from './collect';

const root = mkdtempSync(join(tmpdir(), 'm1-collect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('isEnvFileName', () => {
  it.each([
    ['.env', true],
    ['.env.production', true],
    ['.env.example', true],
    ['app.env', true],
    ['env.example', true],
    ['env.sample', true],
    ['.env_sample', true],
    ['.envrc', false],
    ['env', false],
    ['.env-old', false],
    ['README.md', false],
  ])('%s → %s', (name, expected) => {
    expect(isEnvFileName(name)).toBe(expected);
  });
});

describe('collectFiles', () => {
  for (const f of ['.env', '.env.production', 'b/app.env', 'b/c/.env.local', 'node_modules/x/.env', '.git/.env', 'b/notes.txt']) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'A=1\n');
  }
  symlinkSync(join(root, 'b'), join(root, 'loop')); // a linked directory is not followed
  symlinkSync(join(root, '.env'), join(root, 'linked.env'));

  it('finds env files under a directory, sorted, skipping node_modules and .git', async () => {
    const { files, errors } = await collectFiles([root]);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.slice(root.length + 1))).toEqual(['.env', '.env.production', 'b/app.env', 'b/c/.env.local']);
  });

  it('takes a file argument whatever its name, and never the same file twice', async () => {
    const { files } = await collectFiles([join(root, 'b/notes.txt'), join(root, 'b'), join(root, 'b/app.env')]);
    expect(files.map((f) => f.slice(root.length + 1))).toEqual(['b/notes.txt', 'b/app.env', 'b/c/.env.local']);
  });

  it('reports a missing path and goes on', async () => {
    const { files, errors } = await collectFiles([join(root, 'missing'), join(root, '.env')]);
    expect(errors).toEqual([`${join(root, 'missing')}: no such file or directory`]);
    expect(files).toEqual([join(root, '.env')]);
  });
});
