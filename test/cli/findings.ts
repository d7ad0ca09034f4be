// Hand-made findings for the formatter tests: the formatters are pure functions of findings.
import type { Finding, Level } from '../../shared/src/findings';
import type { RuleId } from '../../shared/src/rule-ids';
import type { FileReport } from '../../server/src/cli/format/report';

export function finding(rule: RuleId, level: Level, line: number, character: number, length: number, extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    level,
    message: `${rule} message`,
    range: { start: { line, character }, end: { line, character: character + length } },
    fixes: [],
    ...extra,
  };
}

export const SAMPLE: FileReport[] = [
  {
    path: 'config/.env.production',
    profile: 'production',
    findings: [
      finding('algorithm-none', 'critical', 0, 14, 4, { key: 'JWT_ALGORITHM', message: 'Critical: JWT_ALGORITHM is none; use HS256.' }),
      finding('insecure-url', 'error', 2, 16, 18, { key: 'M1_API_BASE_URL' }),
      finding('trailing-whitespace', 'warning', 3, 7, 2),
    ],
  },
  { path: 'config/.env', profile: 'development', findings: [] },
  { path: 'config/app.env', profile: 'development', findings: [finding('unknown-key', 'info', 5, 0, 6, { key: 'FOOBAR' })] },
];
