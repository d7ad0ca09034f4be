import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/src/findings';
import { ruleDocUrl } from '../../../../shared/src/rule-ids';
import { countLevels, diagnosticData, toDiagnostic } from './diagnostics';

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } };
const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'weak-secret',
  level: 'error',
  message: 'JWT_SECRET is 12 bytes long; use at least 32 (run "M1: Generate Secret").',
  range,
  key: 'JWT_SECRET',
  fixes: [{ title: 'Generate a strong secret', edits: [{ range, newText: 'x'.repeat(64) }], preferred: true, safe: false }],
  ...over,
});

describe('toDiagnostic', () => {
  it('maps the four levels to LSP severities as config.md says', () => {
    const sev = (level: Finding['level']) => toDiagnostic(finding({ level }), 1).severity;
    expect([sev('critical'), sev('error'), sev('warning'), sev('info')]).toEqual([
      DiagnosticSeverity.Error,
      DiagnosticSeverity.Error,
      DiagnosticSeverity.Warning,
      DiagnosticSeverity.Information,
    ]);
  });

  it('carries rule id, doc link, source and everything the quick fix needs', () => {
    const d = toDiagnostic(finding(), 7);
    expect(d.code).toBe('weak-secret');
    expect(d.codeDescription?.href).toBe(ruleDocUrl('weak-secret'));
    expect(d.source).toBe('m1-ops');
    expect(d.range).toEqual(range);
    expect(d.data).toEqual({ level: 'error', rule: 'weak-secret', documentVersion: 7, fixes: finding().fixes });
    expect(d.tags).toBeUndefined();
  });

  it('tags findings on lines without effect as unnecessary', () => {
    expect(toDiagnostic(finding({ rule: 'duplicated-key', level: 'warning', unnecessary: true }), 1).tags).toEqual([DiagnosticTag.Unnecessary]);
  });
});

describe('diagnosticData', () => {
  it('reads back what toDiagnostic wrote', () => {
    expect(diagnosticData(toDiagnostic(finding(), 3))?.documentVersion).toBe(3);
  });

  it('ignores other sources, a code that disagrees with data, and malformed data', () => {
    const d = toDiagnostic(finding(), 3);
    expect(diagnosticData({ ...d, source: 'eslint' })).toBeUndefined();
    expect(diagnosticData({ ...d, code: 'placeholder-secret' })).toBeUndefined();
    expect(diagnosticData({ ...d, data: { rule: 'weak-secret' } })).toBeUndefined();
  });
});

it('counts findings per level', () => {
  expect(countLevels([finding(), finding({ level: 'critical' }), finding({ level: 'info' })])).toEqual({ critical: 1, error: 1, warning: 0, info: 1 });
});
