import { describe, expect, it } from 'vitest';
import type { Rule } from './types';
import { finalizeFindings, validate } from './validate';

const DEV_OK = [
  'NODE_ENV=development',
  'M1_API_BASE_URL=http://localhost:3000',
  'DATABASE_URL=postgres://m1:dev-password-1@localhost:5432/m1',
  'JWT_SECRET=q3VfZk1uX2Jhc2U2NHVybF9zZWNyZXRfdmFsdWVfMTIzNDU2Nzg5MA',
  '',
].join('\n');

const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('validate', () => {
  it('finds nothing in a clean development file', () => {
    const r = validate(DEV_OK, { fileName: '.env' });
    expect(r.findings).toEqual([]);
    expect(r.profile).toBe('development');
    expect(r.profileSource).toBe('NODE_ENV');
    expect(r.ruleErrors).toEqual([]);
  });

  it('applies the production rules to a .env.production file', () => {
    const r = validate(DEV_OK + 'DEBUG=true\n', { fileName: 'deploy/.env.production' });
    expect(r.profile).toBe('production');
    expect(rules(r.findings)).toContain('debug-in-production');
    expect(rules(r.findings)).toContain('missing-required'); // REDIS_URL, M1_ADMIN_JWT_SECRET
  });

  it('sorts by position, then severity', () => {
    const r = validate('PORT=abc\nJWT_SECRET=changeme\n' + DEV_OK.replace(/JWT_SECRET=.*\n/, ''), { fileName: '.env' });
    const positions = r.findings.map((f) => [f.range.start.line, f.range.start.character]);
    expect(positions).toEqual([...positions].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
    expect(r.findings[0]).toMatchObject({ rule: 'invalid-value', key: 'PORT' });
    expect(r.findings.find((f) => f.key === 'JWT_SECRET')?.level).toBe('critical');
  });

  it('only lints example files: no required-variable, value or security rules, but unknown keys', () => {
    const r = validate('JWT_SECRET=changeme\nPORT=<port>\nDEBUG=true\nJWT_SECRT=\n', { fileName: '.env.example', profile: 'production', schema: 'm1' });
    expect(rules(r.findings).filter((id) => id !== 'key-without-value')).toEqual(['unknown-key']);
  });

  it('runs the example-sync rules against the sibling text', () => {
    const r = validate(DEV_OK + 'EXTRA=1\n', { fileName: '.env', exampleText: DEV_OK + 'LOG_LEVEL=info\n' });
    expect(r.findings.map((f) => [f.rule, f.key])).toEqual(
      expect.arrayContaining([
        ['missing-key', 'LOG_LEVEL'],
        ['undocumented-key', 'EXTRA'],
      ]),
    );
  });

  describe('rule levels', () => {
    it('turns a rule off, or changes its level and the Critical: prefix with it', () => {
      const text = DEV_OK.replace(/JWT_SECRET=.*/, 'JWT_SECRET=changeme');
      expect(rules(validate(text, { fileName: '.env', ruleLevels: { 'placeholder-secret': 'off' } }).findings)).not.toContain('placeholder-secret');
      const [down] = validate(text, { fileName: '.env', ruleLevels: { 'placeholder-secret': 'warning' } }).findings.filter((f) => f.rule === 'placeholder-secret');
      expect(down?.level).toBe('warning');
      expect(down?.message.startsWith('JWT_SECRET is a well-known placeholder')).toBe(true);
      const [up] = validate(DEV_OK + 'PORT=80\n', { fileName: '.env', ruleLevels: { 'perf-threshold': 'critical' } }).findings;
      expect(up?.message.startsWith('Critical: PORT is 80')).toBe(true);
    });

    it('runs a default-off rule only when given a level', () => {
      const off: Rule = { id: 'unordered-key', description: 'test', defaultOff: true, check: (ctx) => [{ rule: 'unordered-key', level: 'info', message: 'm', range: ctx.range({ start: 0, end: 1 }), fixes: [] }] };
      expect(validate(DEV_OK, { fileName: '.env', rules: [off] }).findings).toEqual([]);
      expect(validate(DEV_OK, { fileName: '.env', rules: [off], ruleLevels: { 'unordered-key': 'warning' } }).findings.map((f) => f.level)).toEqual(['warning']);
    });
  });

  describe('suppression comments', () => {
    const text = (directive: string) => `${directive}\nPORT=80\nHOST=bad_host\n` + DEV_OK;
    it('disable-next-line hides the named rules on the next line only', () => {
      const r = validate(text('# m1-ops-disable-next-line perf-threshold, invalid-value'), { fileName: '.env' });
      expect(r.findings.map((f) => [f.rule, f.key])).toEqual([['invalid-value', 'HOST']]);
    });
    it('disable hides the named rules for the rest of the file', () => {
      const r = validate(`PORT=80\n# m1-ops-disable perf-threshold\nM1_MAX_CONCURRENT_TOOLS=100\n` + DEV_OK, { fileName: '.env' });
      expect(r.findings.map((f) => [f.rule, f.key])).toEqual([['perf-threshold', 'PORT']]);
    });
    it('disable before the first variable also covers findings about absent keys', () => {
      const r = validate('# header\n# m1-ops-disable missing-required\nPORT=3000\n', { fileName: '.env', schema: 'm1' });
      expect(rules(r.findings)).not.toContain('missing-required');
      expect(rules(r.findings)).toContain('inconsistent'); // JWT_SECRET for HS256 is not suppressed
    });
    it('covers every line of a multi-line value after disable-next-line', () => {
      const r = validate('# m1-ops-disable-next-line invalid-value\nJWT_PUBLIC_KEY="line one\nline two"\n' + DEV_OK, { fileName: '.env' });
      expect(rules(r.findings)).toEqual([]);
    });
    it('reports unknown ids and still applies the known ones', () => {
      const r = validate(text('# m1-ops-disable-next-line perf-treshold, invalid-value'), { fileName: '.env' });
      expect(r.findings.map((f) => [f.rule, f.key])).toEqual([
        ['invalid-suppression', undefined],
        ['perf-threshold', 'PORT'],
        ['invalid-value', 'HOST'],
      ]);
    });
  });

  it('never throws for a failing rule: it becomes an error finding and a ruleErrors entry', () => {
    const boom: Rule = {
      id: 'fail-open',
      description: 'throws',
      check: () => {
        throw new Error('JWT_SECRET=hunter2');
      },
    };
    const r = validate(DEV_OK, { fileName: '.env', rules: [boom] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'fail-open', level: 'error' });
    expect(r.findings[0]?.message).toMatch(/^Internal error: the fail-open check failed on this file and was skipped/);
    expect(r.findings[0]?.message).not.toContain('hunter2');
    expect(r.ruleErrors.map((e) => e.rule)).toEqual(['fail-open']);
  });

  it('finalizeFindings gives findings from elsewhere the same suppression, levels and order', () => {
    const r = validate('# m1-ops-disable-next-line unreachable\nREDIS_URL=redis://a:1\nDATABASE_URL=postgres://b/c\n', { fileName: '.env' });
    const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });
    const external = [
      { rule: 'unreachable' as const, level: 'error' as const, message: 'db', range: at(2), fixes: [] },
      { rule: 'unreachable' as const, level: 'error' as const, message: 'redis', range: at(1), fixes: [] },
    ];
    expect(finalizeFindings(external, r.ctx).map((f) => f.message)).toEqual(['db']);
    expect(finalizeFindings(external, r.ctx, { ruleLevels: { unreachable: 'warning' } })[0]?.level).toBe('warning');
    expect(finalizeFindings(external, r.ctx, { ruleLevels: { unreachable: 'off' } })).toEqual([]);
  });
});
