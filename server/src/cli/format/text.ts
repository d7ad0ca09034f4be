// `--format text`, for people: one line per finding, `path:line:col  level  rule-id  message`
// (the location first, so terminals and editors make it clickable), grouped by file under a header
// naming the profile, then a summary line with the counts per level.
import type { RuleId } from '../../../../shared/src/rule-ids';
import { NO_M1_VARIABLE } from '../../engine/schema';
import type { Palette } from './colors';
import { countLevels, describeCounts, total, type FileReport } from './report';

export interface TextOptions {
  color: Palette;
  /** How many files were checked (files with I/O errors excluded). */
  checked: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeFixed(rules: readonly RuleId[]): string {
  const byRule = new Map<RuleId, number>();
  for (const r of rules) byRule.set(r, (byRule.get(r) ?? 0) + 1);
  return [...byRule].map(([r, n]) => (n === 1 ? r : `${r} (${n})`)).join(', ');
}

/** "M1 config: sets M1_API_BASE_URL", "generic rules: no M1_* variable". */
export function schemaLabel(f: Pick<FileReport, 'schema' | 'schemaReason'>): string {
  return `${f.schema === 'm1' ? 'M1 config' : 'generic rules'}: ${f.schemaReason}`;
}

function fileBlock(f: FileReport, c: Palette): string[] {
  const fixed = f.fixed ?? [];
  if (f.findings.length === 0 && fixed.length === 0) return [];
  const rows = f.findings.map((x) => ({
    where: `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}`,
    level: x.level,
    rule: x.rule,
    message: x.message,
  }));
  const w = (pick: (r: (typeof rows)[number]) => string): number => Math.max(0, ...rows.map((r) => pick(r).length));
  const [ww, lw, rw] = [w((r) => r.where), w((r) => r.level), w((r) => r.rule)];
  const dialect = f.dialect === 'node' ? '' : `; ${f.dialect} dialect: ${f.dialectReason}`;
  const lines = [`${c.bold(c.underline(f.path))} ${c.dim(`(profile: ${f.profile}; ${schemaLabel(f)}${dialect})`)}`];
  for (const r of rows) {
    lines.push(`${r.where.padEnd(ww)}  ${c.level(r.level, r.level.padEnd(lw))}  ${c.dim(r.rule.padEnd(rw))}  ${r.message}`);
  }
  if (fixed.length > 0) lines.push(c.green(`fixed ${plural(fixed.length, 'problem')}: ${describeFixed(fixed)}`));
  return lines;
}

export function formatText(files: readonly FileReport[], opts: TextOptions): string {
  const c = opts.color;
  const blocks = files.map((f) => fileBlock(f, c)).filter((b) => b.length > 0);
  const counts = countLevels(files);
  const n = total(counts);
  const withFindings = files.filter((f) => f.findings.length > 0).length;
  const fixedCount = files.reduce((s, f) => s + (f.fixed?.length ?? 0), 0);
  const fixedFiles = files.filter((f) => (f.fixed?.length ?? 0) > 0).length;
  const summary =
    n === 0
      ? c.green(`No problems${fixedCount > 0 ? ' left' : ''} in ${plural(opts.checked, 'file')}.`)
      : `${c.bold(plural(n, 'problem'))} (${describeCounts(counts)}) in ${withFindings} of ${plural(opts.checked, 'file')}.`;
  const fixLine = fixedCount > 0 ? [`Fixed ${plural(fixedCount, 'problem')} in ${plural(fixedFiles, 'file')}.`] : [];
  return [...blocks.map((b) => b.join('\n')), [summary, ...fixLine, ...schemaLine(files, c)].join('\n')].join('\n\n') + '\n';
}

/**
 * Which files were not judged by the M1 catalog, also when they had nothing to report (their header is
 * not printed then): a user who expected the catalog learns why it did not apply, and how to ask for it.
 */
function schemaLine(files: readonly FileReport[], c: Palette): string[] {
  const generic = files.filter((f) => f.schema === 'generic' && f.schemaReason === NO_M1_VARIABLE);
  if (generic.length === 0) return [];
  const names = generic.slice(0, 3).map((f) => f.path).join(', ') + (generic.length > 3 ? ', …' : '');
  return [c.dim(`${plural(generic.length, 'file')} without an M1_* variable got the generic rules only (${names}); --schema m1 applies the M1 catalog.`)];
}
