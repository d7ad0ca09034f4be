// Engine findings -> LSP diagnostics. Everything a quick fix needs travels in Diagnostic.data, so
// code actions never re-run the engine nor look at message text (rust-analyzer/eslint style).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { z } from 'zod';
import type { Finding, Level } from '../../../../shared/src/findings';
import { LevelSchema } from '../../../../shared/src/findings';
import { RuleIdSchema, ruleDocUrl } from '../../../../shared/src/rule-ids';

export const DIAGNOSTIC_SOURCE = 'm1-ops';

const PositionSchema = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
const RangeSchema = z.object({ start: PositionSchema, end: PositionSchema });
export const FixSchema = z.object({
  title: z.string(),
  edits: z.array(z.object({ range: RangeSchema, newText: z.string() })),
  preferred: z.boolean().optional(),
  safe: z.boolean(),
});

/** Diagnostic.data as the server writes it and, parsed again, as the client sends it back. */
export const DiagnosticDataSchema = z.object({
  level: LevelSchema,
  rule: RuleIdSchema,
  documentVersion: z.number().int(),
  fixes: z.array(FixSchema),
});
export type DiagnosticData = z.infer<typeof DiagnosticDataSchema>;

const SEVERITY: Record<Level, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What the client declared it takes in a Diagnostic; everything by default (tests, VS Code). */
export interface DiagnosticShape {
  data: boolean;
  codeDescription: boolean;
  unnecessaryTag: boolean;
}
const FULL_SHAPE: DiagnosticShape = { data: true, codeDescription: true, unnecessaryTag: true };

export function toDiagnostic(f: Finding, documentVersion: number, shape: DiagnosticShape = FULL_SHAPE): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.level],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    // Already free of credentials: the engine masks any credential-shaped value a message quotes.
    message: f.message,
  };
  if (shape.codeDescription) d.codeDescription = { href: ruleDocUrl(f.rule) };
  if (shape.data) d.data = { level: f.level, rule: f.rule, documentVersion, fixes: f.fixes } satisfies DiagnosticData;
  if (f.unnecessary && shape.unnecessaryTag) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function toDiagnostics(findings: readonly Finding[], documentVersion: number, shape: DiagnosticShape = FULL_SHAPE): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, documentVersion, shape));
}

/** The data of one of our diagnostics, or undefined for anything else (another linter's, a tampered one). */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const r = DiagnosticDataSchema.safeParse(d.data);
  return r.success && r.data.rule === d.code ? r.data : undefined;
}

export interface LevelCounts {
  critical: number;
  error: number;
  warning: number;
  info: number;
}

export function countLevels(findings: readonly Finding[]): LevelCounts {
  const c: LevelCounts = { critical: 0, error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.level]++;
  return c;
}
