// `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF
// viewer). Levels map critical/error → error, warning → warning, info → note; our own four-level
// value travels in `properties.level`. Columns are UTF-16 code units (declared in `columnKind`),
// the end column exclusive, as SARIF defines it.
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Level } from '../../../../shared/src/findings';
import { ruleDocUrl, type RuleId } from '../../../../shared/src/rule-ids';
import type { FileReport } from './report';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/m1-ops/m1-ops';
const SRCROOT = '%SRCROOT%';

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = { critical: 'error', error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  version: string;
  /** Paths are made relative to this directory (the working directory). */
  cwd: string;
  /** One line per rule (SARIF shortDescription). */
  describe(rule: RuleId): string;
}

/** Relative to `cwd` with forward slashes and percent-encoding; absolute file: URI when outside. */
export function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = resolve(cwd, path); // report paths are relative to the working directory
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || /^[a-zA-Z]:/.test(rel) || rel.startsWith(sep)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

export function formatSarif(files: readonly FileReport[], opts: SarifOptions): string {
  const ruleIds = [...new Set(files.flatMap((f) => f.findings.map((x) => x.rule)))].sort();
  const index = new Map(ruleIds.map((r, i) => [r, i]));
  const result = (f: FileReport, x: Finding): object => ({
    ruleId: x.rule,
    ruleIndex: index.get(x.rule),
    level: SARIF_LEVEL[x.level],
    message: { text: x.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.path, opts.cwd),
          region: {
            startLine: x.range.start.line + 1,
            startColumn: x.range.start.character + 1,
            endLine: x.range.end.line + 1,
            endColumn: x.range.end.character + 1,
          },
        },
      },
    ],
    properties: { level: x.level, ...(x.key !== undefined ? { key: x.key } : {}) },
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'm1-ops',
            version: opts.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: opts.describe(id) }, helpUri: ruleDocUrl(id) })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.cwd.endsWith(sep) ? opts.cwd : opts.cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((f) => f.findings.map((x) => result(f, x))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
