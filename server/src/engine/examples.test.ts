// The shipped examples/ keep showing what examples/README.md says they show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../shared/src/findings';
import { fixAll } from './apply-fixes';
import { findExampleSibling } from './example';
import { validate } from './validate';

const dir = join(__dirname, '..', '..', '..', 'examples');
const opts = (name: string) => {
  const path = join(dir, name);
  const sibling = findExampleSibling(path);
  return { text: readFileSync(path, 'utf8'), options: { fileName: path, ...(sibling ? { exampleText: readFileSync(sibling, 'utf8') } : {}) } };
};

describe('examples/', () => {
  it.each(['.env.example', '.env.development'])('%s is clean', (name) => {
    const { text, options } = opts(name);
    expect(validate(text, options).findings).toEqual([]);
  });

  it('.env.production has findings at all four levels, each with a remediation', () => {
    const { text, options } = opts('.env.production');
    const r = validate(text, options);
    expect(r.profile).toBe('production');
    expect(new Set(r.findings.map((f) => f.level))).toEqual(new Set(LEVELS));
    expect(r.findings.filter((f) => f.level === 'critical').map((f) => f.rule).sort()).toEqual(['fail-open', 'placeholder-secret', 'tls-disabled', 'weak-secret']);
    // The suppressed line stays quiet; the misspelt suppression does not suppress.
    expect(r.findings.some((f) => f.key === 'M1_MAX_CONCURRENT_TOOLS')).toBe(false);
    expect(r.findings.some((f) => f.key === 'M1_ANOMALY_Z_THRESHOLD' && f.rule === 'perf-threshold')).toBe(true);
  });

  it('--fix on .env.production changes no value: every fix there is offered, none applied in bulk', () => {
    const { text, options } = opts('.env.production');
    const r = fixAll(text, options);
    expect(r.applied).toEqual([]);
    expect(r.text).toBe(text);
    expect(r.remaining.map((f) => f.fixes.map((x) => x.title)).flat()).toEqual(expect.arrayContaining(['Remove the trailing /', 'Set DEBUG to false', 'Set LOG_LEVEL to info']));
  });

  it('.env.test shows the syntax traps, and --fix applies only what provably keeps every value', () => {
    const { text, options } = opts('.env.test');
    const r = validate(text, options);
    expect(r.profile).toBe('test');
    expect([...new Set(r.findings.map((f) => f.rule))].sort()).toEqual([
      'circular-reference',
      'duplicated-key',
      'extra-blank-line',
      'key-without-value',
      'lowercase-key',
      'space-character',
      'trailing-whitespace',
      'undefined-reference',
      'unquoted-hash',
      'unterminated-quote',
      'value-without-quotes',
    ]);
    // The unclosed quote leaves dotenv searching further down the file, so only fixes that touch no
    // value's line are provably harmless.
    expect(fixAll(text, options).applied.map((a) => a.rule).sort()).toEqual(['extra-blank-line', 'trailing-whitespace']);
  });
});
