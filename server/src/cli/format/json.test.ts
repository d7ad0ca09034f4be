import { describe, expect, it } from 'vitest';
import { M1_NODE, SAMPLE, finding } from '../../../../test/cli/findings';
import { formatJson } from './json';

describe('formatJson', () => {
  it('has the shape of product.md with 1-based positions and key only when present', () => {
    const doc: unknown = JSON.parse(formatJson(SAMPLE));
    expect(doc).toEqual({
      files: [
        {
          path: 'config/.env.production',
          profile: 'production',
          ...M1_NODE,
          findings: [
            { rule: 'algorithm-none', level: 'critical', message: 'Critical: JWT_ALGORITHM is none; use HS256.', line: 1, column: 15, endLine: 1, endColumn: 19, key: 'JWT_ALGORITHM' },
            { rule: 'insecure-url', level: 'error', message: 'insecure-url message', line: 3, column: 17, endLine: 3, endColumn: 35, key: 'M1_API_BASE_URL' },
            { rule: 'trailing-whitespace', level: 'warning', message: 'trailing-whitespace message', line: 4, column: 8, endLine: 4, endColumn: 10 },
          ],
        },
        { path: 'config/.env', profile: 'development', ...M1_NODE, findings: [] },
        {
          path: 'config/app.env',
          profile: 'development',
          schema: 'generic',
          schemaReason: 'no M1_* variable',
          dialect: 'compose',
          dialectReason: 'compose.yaml beside it',
          findings: [{ rule: 'unknown-key', level: 'info', message: 'unknown-key message', line: 6, column: 1, endLine: 6, endColumn: 7, key: 'FOOBAR' }],
        },
      ],
      summary: { critical: 1, error: 1, warning: 1, info: 1 },
    });
  });

  it('gives zero counts and no files for an empty run', () => {
    expect(JSON.parse(formatJson([]))).toEqual({ files: [], summary: { critical: 0, error: 0, warning: 0, info: 0 } });
  });

  it('keeps multi-line ranges', () => {
    const f = finding('unterminated-quote', 'error', 1, 4, 0);
    f.range.end = { line: 3, character: 2 };
    const doc = JSON.parse(formatJson([{ path: '.env', profile: 'test', ...M1_NODE, findings: [f] }])) as { files: { findings: object[] }[] };
    expect(doc.files[0]?.findings[0]).toMatchObject({ line: 2, column: 5, endLine: 4, endColumn: 3 });
  });
});
