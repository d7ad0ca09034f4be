import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExampleSibling } from './example';

describe('findExampleSibling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'm1-example-'));
  it('finds .env.example, then .env.sample, then .env.template in the same folder', () => {
    writeFileSync(join(dir, '.env.template'), 'A=1');
    expect(findExampleSibling(join(dir, '.env.production'))).toBe(join(dir, '.env.template'));
    writeFileSync(join(dir, '.env.sample'), 'A=1');
    expect(findExampleSibling(join(dir, '.env'))).toBe(join(dir, '.env.sample'));
    writeFileSync(join(dir, '.env.example'), 'A=1');
    expect(findExampleSibling(join(dir, '.env'))).toBe(join(dir, '.env.example'));
  });
  it('returns undefined without a sibling, for a directory of that name, and for an example file itself', () => {
    const other = mkdtempSync(join(tmpdir(), 'm1-example-'));
    expect(findExampleSibling(join(other, '.env'))).toBeUndefined();
    mkdirSync(join(other, '.env.example'));
    expect(findExampleSibling(join(other, '.env'))).toBeUndefined();
    expect(findExampleSibling(join(dir, '.env.example'))).toBeUndefined();
  });
});
