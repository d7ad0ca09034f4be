import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { parseDirectives } from './directives';
import { invalidSuppression } from './invalid-suppression';

describe('parseDirectives', () => {
  it('reads both directive kinds, rule lists separated by commas or spaces, and ignores the reason', () => {
    const parsed = parseEnv('# m1-ops-disable-next-line weak-secret, unknown-key -- rotated weekly\nA=1\n#m1-ops-disable perf-threshold\n# m1-ops-disabled x\n');
    const ds = parseDirectives(parsed);
    expect(ds.map((d) => [d.kind, d.line, d.rules.map((r) => r.id)])).toEqual([
      ['next-line', 0, ['weak-secret', 'unknown-key']],
      ['rest-of-file', 2, ['perf-threshold']],
    ]);
    expect(ds[0]?.rules[1]?.span).toEqual({ start: 40, end: 51 });
  });
});

describe('invalid-suppression', () => {
  it('accepts known rule ids', () => {
    expect(runRule(invalidSuppression, '# m1-ops-disable-next-line weak-secret\nJWT_SECRET=x')).toEqual([]);
  });

  it('reports an unknown id on its characters with a rename fix to the closest id', () => {
    const text = '# m1-ops-disable weak-secret, weak-secrets\n';
    const [f] = runRule(invalidSuppression, text);
    expect(f).toMatchObject({ rule: 'invalid-suppression', level: 'warning' });
    expect(f?.message).toBe('Unknown rule id "weak-secrets" in a suppression comment, so nothing is suppressed for it; did you mean weak-secret?');
    expect(f?.range).toEqual({ start: { line: 0, character: 30 }, end: { line: 0, character: 42 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Change to weak-secret', safe: false });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('# m1-ops-disable weak-secret, weak-secret\n');
  });

  it('reports a directive that names no rule', () => {
    const [f] = runRule(invalidSuppression, '# m1-ops-disable-next-line\nA=1');
    expect(f?.message).toContain('names no rule');
    expect(f?.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 26 } });
  });
});
