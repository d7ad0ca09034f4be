// validateEnvironment(): the catalog's semantic rules over a process environment map, for the control
// service's start-up check. There is no document, so findings carry the key and an empty range, and
// no fixes (there is no text to edit); syntax, interpolation and example-sync rules do not apply.
import type { Finding, Range } from '../../../shared/src/findings';
import { isProductionLike, ProfileSchema, type Profile } from '../../../shared/src/profiles';
import { CATALOG } from '../catalog';
import { LineIndex } from '../parser/line-index';
import type { EnvEntry, ParsedEnv } from '../parser/types';
import { ALL_RULES } from '../rules';
import { finalizeFindings } from './finalize';
import { runRules, selectRules } from './run-rules';
import type { RuleContext, RuleLevels } from './types';

export interface EnvironmentOptions {
  /** Default: NODE_ENV of the map when it names a profile, else development. */
  profile?: Profile;
  /** Only findings about these variables (the ones the caller reads); all catalog variables by default. */
  keys?: readonly string[];
  ruleLevels?: RuleLevels;
}

export interface EnvironmentResult {
  profile: Profile;
  findings: Finding[];
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const EMPTY = { start: 0, end: 0 };

function entry(key: string, value: string): EnvEntry {
  return { key, keySpan: EMPTY, separator: '=', separatorSpan: EMPTY, rawSpan: EMPTY, raw: value, quote: null, value, line: 0, endLine: 0, overridden: false };
}

export function validateEnvironment(env: Readonly<Record<string, string | undefined>>, opts: EnvironmentOptions = {}): EnvironmentResult {
  const wanted = opts.keys ? new Set(opts.keys) : undefined;
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const effective = new Map<string, EnvEntry>();
  for (const key of CATALOG.keys()) {
    const value = env[key];
    if (value === undefined) continue;
    values[key] = value;
    effective.set(key, entry(key, value));
  }
  const profile = opts.profile ?? (ProfileSchema.safeParse(values['NODE_ENV']).data ?? 'development');
  const parsed: ParsedEnv = { text: '', entries: [...effective.values()], values, lines: [], comments: [], lineIndex: new LineIndex('') };
  const ctx: RuleContext = {
    parsed,
    fileName: '(environment)',
    profile,
    prodLike: isProductionLike(profile),
    isExample: false,
    schema: 'm1', // the service's own variables: M1's catalog by definition
    dialect: 'node',
    expanded: values, // a process environment is already expanded
    effective,
    range: () => NOWHERE,
  };
  const rules = selectRules(ALL_RULES, ctx, opts.ruleLevels).filter((r) => r.semantic);
  const { findings } = runRules(rules, ctx);
  const relevant = findings
    .filter((f) => f.key !== undefined && (!wanted || wanted.has(f.key)))
    .map((f) => ({ ...f, range: NOWHERE, fixes: [] }));
  return { profile, findings: finalizeFindings(relevant, ctx, opts.ruleLevels ? { ruleLevels: opts.ruleLevels } : {}) };
}
