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

/** What a FileReport says about an M1 config read by Node's dotenv. */
export const M1_NODE = { schema: 'm1', schemaReason: 'sets M1_API_BASE_URL', dialect: 'node', dialectReason: 'no compose or PHP project file beside it' } as const;

export const SAMPLE: FileReport[] = [
  {
    path: 'config/.env.production',
    profile: 'production',
    ...M1_NODE,
    findings: [
      finding('algorithm-none', 'critical', 0, 14, 4, { key: 'JWT_ALGORITHM', message: 'Critical: JWT_ALGORITHM is none; use HS256.' }),
      finding('insecure-url', 'error', 2, 16, 18, { key: 'M1_API_BASE_URL' }),
      finding('trailing-whitespace', 'warning', 3, 7, 2),
    ],
  },
  { path: 'config/.env', profile: 'development', ...M1_NODE, findings: [] },
  { path: 'config/app.env', profile: 'development', schema: 'generic', schemaReason: 'no M1_* variable', dialect: 'compose', dialectReason: 'compose.yaml beside it', findings: [finding('unknown-key', 'info', 5, 0, 6, { key: 'FOOBAR' })] },
];
