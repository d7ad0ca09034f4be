// What the example-sync rules share: the example's keys, and which of its values may be copied.
import { CATALOG } from '../../catalog';
import { hasSecretName } from '../../catalog/secret-names';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';

/** Effective entries of the example sibling, by key, in its order. Undefined when the rules do not apply. */
export function exampleEntries(ctx: RuleContext): Map<string, EnvEntry> | undefined {
  if (!ctx.example || ctx.isExample) return undefined;
  const byKey = new Map<string, EnvEntry>();
  for (const e of ctx.example.entries) byKey.set(e.key, e); // last wins, as in dotenv
  return byKey;
}

/** Copying the example's value is fine unless it is, or contains, a credential. */
export function isSecretKey(key: string): boolean {
  const spec = CATALOG.get(key);
  if (spec) return spec.secret === true || (spec.secretUrlParts?.length ?? 0) > 0;
  // Unknown keys whose name says "credential": their example value is not copied either.
  return hasSecretName(key);
}
