// The last steps every finding goes through, whichever part computed it (rules here, connectivity
// checks elsewhere): suppression comments, per-rule level overrides, and ordering by position.
import { LEVEL_RANK, type Finding } from '../../../shared/src/findings';
import { REDACTED } from '../../../shared/src/redact';
import { isSecretValue, redactSecretsIn } from '../catalog/secret-detector';
import { withLevelPrefix } from '../rules/support/findings';
import { buildSuppressor } from './suppression';
import type { RuleContext, RuleLevels } from './types';

export interface FinalizeOptions {
  ruleLevels?: RuleLevels;
}

/** A finding at its configured level (the "Critical:" prefix follows the level), or undefined when the rule is off. */
export function applyRuleLevel(f: Finding, levels: RuleLevels | undefined): Finding | undefined {
  const level = levels?.[f.rule];
  if (level === 'off') return undefined;
  if (level === undefined || level === f.level) return f;
  return { ...f, level, message: withLevelPrefix(level, f.message) };
}

/** Position first, then the more severe, then rule id: a stable order for editors, CLI and tests. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

export function finalizeFindings(findings: readonly Finding[], ctx: RuleContext, opts: FinalizeOptions = {}): Finding[] {
  const suppressed = buildSuppressor(ctx.parsed);
  // Rules quote only catalog values; a credential typed into one (NODE_ENV=sk_live_…) is still masked.
  const secrets = secretShapedValues(ctx);
  const out: Finding[] = [];
  for (const f of findings) {
    if (suppressed(f)) continue;
    const g = applyRuleLevel(f, opts.ruleLevels);
    if (g) out.push(secrets.some((s) => g.message.includes(s)) ? { ...g, message: maskValues(redactSecretsIn(g.message), secrets) } : g);
  }
  return out.sort(compareFindings);
}

/** The document's values (as written and interpolated) that are credentials by their shape alone. */
function secretShapedValues(ctx: RuleContext): string[] {
  const out = new Set<string>();
  for (const e of ctx.parsed.entries) {
    for (const v of [e.value, ctx.expanded[e.key]]) if (v !== undefined && v.length >= 8 && isSecretValue(v)) out.add(v);
  }
  return [...out];
}

function maskValues(message: string, secrets: readonly string[]): string {
  return secrets.reduce((m, s) => m.split(s).join(REDACTED), message);
}
