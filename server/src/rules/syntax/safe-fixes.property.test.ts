// Property: on hostile files every syntax and interpolation rule runs without throwing, every range lies
// inside the text, and every fix marked safe leaves what dotenv and dotenv-expand read unchanged, except
// unquoted-hash's, which by design gives the key its whole value, `#` included (docs/rules-syntax.md).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/src/findings';
import { applyEdits } from '../../engine/apply-fixes';
import { expandEnv } from '../../parser/expand';
import { hostileText, mentionsPrototypeName } from '../../parser/hostile';
import { parseEnv } from '../../parser/parse';
import { INTERPOLATION_RULES } from '../interpolation';
import { runRule } from '../testing';
import { SYNTAX_RULES } from './index';

const RULES = [...SYNTAX_RULES, ...INTERPOLATION_RULES];

/** What the application reads: the expanded values, as an order-free list. */
function meaning(text: string): [string, string][] {
  return Object.entries(expandEnv(parseEnv(text).values)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('syntax and interpolation rules on hostile files (property)', () => {
  it('never throw, stay inside the text, and keep the meaning with safe fixes', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        fc.pre(!mentionsPrototypeName(text));
        const lines = parseEnv(text).lineIndex.lineCount;
        const before = meaning(text);
        for (const rule of RULES) {
          const findings: Finding[] = runRule(rule, text);
          for (const f of findings) {
            expect(f.rule).toBe(rule.id);
            expect(f.range.end.line).toBeLessThan(lines);
            for (const fix of f.fixes) {
              if (!fix.safe) continue;
              const after = meaning(applyEdits(text, fix.edits));
              if (rule.id === 'unquoted-hash') {
                // The key gains its `#`; keys that refer to it follow, so compare unexpanded values.
                const fixed = applyEdits(text, fix.edits);
                const others = (t: string): [string, string][] => Object.entries(parseEnv(t).values).filter(([k]) => k !== f.key);
                expect(others(fixed)).toEqual(others(text));
                expect(parseEnv(fixed).values[f.key ?? '']).toContain('#');
              } else {
                expect([rule.id, after]).toEqual([rule.id, before]);
              }
            }
          }
        }
      }),
      { numRuns: Number(process.env.M1_PROPERTY_RUNS ?? 1500) },
    );
  });
});
