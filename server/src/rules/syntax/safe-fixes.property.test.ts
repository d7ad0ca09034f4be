// Property: on hostile files every syntax and interpolation rule runs without throwing, every range lies
// inside the text, and every fix marked safe leaves what dotenv and dotenv-expand read unchanged, with no
// exception (docs/rules.md#fix-safety). fix-all.property.test.ts checks the combinations.
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
              expect([rule.id, after]).toEqual([rule.id, before]);
            }
          }
        }
      }),
      { numRuns: Number(process.env.M1_PROPERTY_RUNS ?? 1500) },
    );
  });
});
