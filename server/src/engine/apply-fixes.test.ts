import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../../shared/src/findings';
import { parseEnv } from '../parser/parse';
import { finding } from '../rules/support/findings';
import { SYNTAX_RULES } from '../rules/syntax';
import { applyEdits, fixAll, OverlappingEditsError } from './apply-fixes';
import type { Rule } from './types';

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

  it('never applies a fix that changes a value, however sensible (they are offered one by one)', () => {
    const r = fixAll(base, { fileName: '.env.production' });
    expect(r.text).toBe(base);
    expect(r.applied).toEqual([]);
    expect(r.remaining.some((f) => f.rule === 'debug-in-production' && f.fixes.length > 0)).toBe(true);
  });

  it('applies every safe fix until nothing changes, across passes, and leaves unsafe ones', () => {
    const text = 'M1_REGION=eu-west-1  \n\n\n\nDEBUG=true\nTOKEN_REVOCATION_FAIL_OPEN=true\n';
    const r = fixAll(text, { fileName: '.env.production' });
    expect(r.text).toBe('M1_REGION=eu-west-1\n\nDEBUG=true\nTOKEN_REVOCATION_FAIL_OPEN=true\n');
    expect(r.applied.map((a) => a.rule).sort()).toEqual(['extra-blank-line', 'trailing-whitespace']);
    expect(r.remaining.some((f) => f.rule === 'fail-open')).toBe(true); // its fix is not safe
    expect(r.remaining.some((f) => f.fixes.some((x) => x.safe))).toBe(false);
  });

  it('keeps TAG="v1"#old reading v1 (the quotes are what end the value; the # is a comment)', () => {
    const text = 'TAG="v1"#old\nRELEASE=abc#123\n';
    const r = fixAll(text, { fileName: '.env' });
    expect(parseEnv(r.text).values).toEqual(parseEnv(text).values);
    expect(parseEnv(r.text).values).toEqual({ TAG: 'v1', RELEASE: 'abc' });
  });

  it('does not add NODE_ENV (or any key) to a file', () => {
    const text = 'M1_API_BASE_URL=http://localhost:3000\n';
    const r = fixAll(text, { fileName: '.env' });
    expect(Object.keys(parseEnv(r.text).values)).toEqual(['M1_API_BASE_URL']);
    expect(r.remaining.find((f) => f.key === 'NODE_ENV')?.fixes[0]).toMatchObject({ title: 'Add NODE_ENV=development', safe: false });
  });

  it('refuses a fix marked safe that would change what dotenv reads, and keeps the honest ones', () => {
    // A rule that lies: its "safe" fix doubles A's value. The law holds whatever rules claim.
    const liar: Rule = {
      id: 'quote-character',
      description: 'test',
      check: (ctx) => {
        const e = ctx.effective.get('A');
        return e ? [finding('quote-character', 'info', 'x', ctx.range(e.rawSpan), { key: 'A', fixes: [{ title: 'double', edits: [{ range: ctx.range(e.rawSpan), newText: e.raw + e.raw }], safe: true }] })] : [];
      },
    };
    const text = 'A=1\nB=2   \n';
    const r = fixAll(text, { fileName: '.env', rules: [liar, ...SYNTAX_RULES.filter((x) => x.id !== 'quote-character')] });
    expect(r.text).toBe('A=1\nB=2\n');
    expect(r.refused).toEqual([{ rule: 'quote-character', title: 'double', key: 'A' }]);
    expect(r.applied.map((a) => a.rule)).toEqual(['trailing-whitespace']);
  });

  it('returns the text unchanged when there is nothing safe to apply', () => {
    const text = 'NODE_ENV=development\nJWT_SECRET=changeme\n';
    const r = fixAll(text, { fileName: '.env' });
    expect(r.text).toBe(text);
    expect(r.applied).toEqual([]);
    expect(r.remaining.length).toBeGreaterThan(0);
  });
});
