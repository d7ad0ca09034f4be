import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../../shared/src/findings';
import { applyEdits, fixAll, OverlappingEditsError } from './apply-fixes';

const at = (line: number, s: number, e: number, newText: string): TextEdit => ({ range: { start: { line, character: s }, end: { line, character: e } }, newText });

describe('applyEdits', () => {
  it('applies edits given in any order against the original positions', () => {
    expect(applyEdits('A=1\nB=2\n', [at(1, 2, 3, '22'), at(0, 2, 3, '11')])).toBe('A=11\nB=22\n');
  });
  it('keeps insertions at one point in the order given', () => {
    expect(applyEdits('X', [at(0, 1, 1, 'a'), at(0, 1, 1, 'b')])).toBe('Xab');
  });
  it('refuses overlapping edits', () => {
    expect(() => applyEdits('ABCDEF', [at(0, 0, 3, 'x'), at(0, 2, 4, 'y')])).toThrow(OverlappingEditsError);
  });
  it('accepts touching edits', () => {
    expect(applyEdits('ABCDEF', [at(0, 0, 3, 'x'), at(0, 3, 6, 'y')])).toBe('xy');
  });
});

describe('fixAll', () => {
  const base = 'NODE_ENV=production\nM1_API_BASE_URL=https://api.example.com/\nLOG_LEVEL=DEBUG\nDEBUG=true\nTOKEN_REVOCATION_FAIL_OPEN=true\n';

  it('applies every safe fix until nothing changes, across passes, and leaves unsafe ones', () => {
    const r = fixAll(base, { fileName: '.env.production' });
    // LOG_LEVEL: DEBUG -> debug (case, pass 1) -> info (trace/debug in production, pass 2)
    expect(r.text).toBe('NODE_ENV=production\nM1_API_BASE_URL=https://api.example.com\nLOG_LEVEL=info\nDEBUG=false\nTOKEN_REVOCATION_FAIL_OPEN=true\n');
    expect(r.applied.map((a) => a.title)).toEqual(['Remove the trailing /', 'Change LOG_LEVEL to debug', 'Set DEBUG to false', 'Set LOG_LEVEL to info']);
    expect(r.remaining.some((f) => f.rule === 'fail-open')).toBe(true); // its fix is not safe
    expect(r.remaining.some((f) => f.fixes.some((x) => x.safe))).toBe(false);
  });

  it('returns the text unchanged when there is nothing safe to apply', () => {
    const text = 'NODE_ENV=development\nJWT_SECRET=changeme\n';
    const r = fixAll(text, { fileName: '.env' });
    expect(r.text).toBe(text);
    expect(r.applied).toEqual([]);
    expect(r.remaining.length).toBeGreaterThan(0);
  });
});
