import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { outOfRange } from './out-of-range';

describe('out-of-range', () => {
  it('accepts the bounds themselves', () => {
    expect(runRule(outOfRange, 'PORT=1\nDATABASE_POOL_MAX=500\nM1_CACHE_TTL_S=0\nM1_ANOMALY_Z_THRESHOLD=10')).toEqual([]);
  });

  it('reports a value above the maximum with the range and default, fix to the bound first', () => {
    const text = 'PORT=70000';
    const [f] = runRule(outOfRange, text);
    expect(f).toMatchObject({ rule: 'out-of-range', level: 'error', key: 'PORT' });
    expect(f?.message).toBe('PORT is 70000, outside the allowed range 1–65535. Use a value in that range (default 3000).');
    expect(f?.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 10 } });
    expect(f?.fixes.map((x) => [x.title, x.safe, x.preferred === true])).toEqual([
      ['Set PORT to 65535', false, true],
      ['Set PORT to its default 3000', false, false],
    ]);
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('PORT=65535');
  });

  it('reports a value below the minimum, decimals included', () => {
    const [f] = runRule(outOfRange, 'M1_ANOMALY_Z_THRESHOLD=0.5');
    expect(f?.fixes[0]?.title).toBe('Set M1_ANOMALY_Z_THRESHOLD to 1');
  });

  it('leaves non-numbers to invalid-value and ignores non-numeric types', () => {
    expect(runRule(outOfRange, 'PORT=abc\nJWT_EXPIRES_IN=999d\nNODE_ENV=x')).toEqual([]);
  });
});
