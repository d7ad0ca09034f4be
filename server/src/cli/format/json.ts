// `--format json`, exactly the shape of product.md: 1-based lines and columns (columns count
// UTF-16 code units, as the language server does; the end is exclusive), `key` only when present.
import type { Finding } from '../../../../shared/src/findings';
import { countLevels, type FileReport } from './report';

export interface JsonFinding {
  rule: string;
  level: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  key?: string;
}

function toJson(f: Finding): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    level: f.level,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
  if (f.key !== undefined) out.key = f.key;
  return out;
}

export function formatJson(files: readonly FileReport[]): string {
  const doc = {
    // schema/dialect and their reasons were added after product.md's shape; nothing was renamed.
    files: files.map((f) => ({
      path: f.path,
      profile: f.profile,
      schema: f.schema,
      schemaReason: f.schemaReason,
      dialect: f.dialect,
      dialectReason: f.dialectReason,
      findings: f.findings.map(toJson),
    })),
    summary: countLevels(files),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
