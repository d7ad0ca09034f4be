// The catalog's view of a document, computed once per validation and shared by every rule
// (a WeakMap keyed by the context), so that no rule re-walks or re-looks-up the entries.
import { CATALOG, numericValue, type VariableSpec } from '../../catalog';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';

export interface KnownEntry {
  spec: VariableSpec;
  /** The entry dotenv uses (the last one for the key). */
  entry: EnvEntry;
  /** The value after interpolation, as the application reads it. */
  value: string;
}

export interface DocumentView {
  /** Catalog variables set in the file, in source order of their effective entry. */
  known: KnownEntry[];
  byKey: Map<string, KnownEntry>;
  /** Effective entries whose key is not in the catalog. */
  unknown: EnvEntry[];
}

const views = new WeakMap<RuleContext, DocumentView>();

export function view(ctx: RuleContext): DocumentView {
  let v = views.get(ctx);
  if (v) return v;
  v = { known: [], byKey: new Map(), unknown: [] };
  for (const entry of ctx.effective.values()) {
    const spec = CATALOG.get(entry.key);
    if (!spec) {
      v.unknown.push(entry);
      continue;
    }
    const k: KnownEntry = { spec, entry, value: ctx.expanded[entry.key] ?? entry.value };
    v.known.push(k);
    v.byKey.set(entry.key, k);
  }
  views.set(ctx, v);
  return v;
}

/** The variable's entry when it is set to a non-empty value. Empty values count as unset (see docs/rules.md). */
export function setEntry(ctx: RuleContext, key: string): KnownEntry | undefined {
  const k = view(ctx).byKey.get(key);
  return k && k.value !== '' ? k : undefined;
}

/** The value the application ends up with: the file's non-empty value, else the catalog default. */
export function valueOrDefault(ctx: RuleContext, key: string): string | undefined {
  return setEntry(ctx, key)?.value ?? CATALOG.get(key)?.default;
}

/** The numeric value (file or default) when it is valid and in range, else undefined. */
export function validNumber(ctx: RuleContext, key: string): number | undefined {
  const spec = CATALOG.get(key);
  const value = valueOrDefault(ctx, key);
  if (!spec || value === undefined) return undefined;
  const n = numericValue(spec, value);
  if (n === undefined) return undefined;
  if ((spec.type.kind === 'int' || spec.type.kind === 'number') && (n < spec.type.min || n > spec.type.max)) return undefined;
  return n;
}
