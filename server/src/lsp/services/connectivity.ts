// Live connectivity checks, only when asked (open/save per setting, or the command). Answers are
// cached per variable value for 30 s; a check still running when a checked value changes is
// aborted. Findings are re-anchored to the variable's current value range before each publish.
import type { Finding } from '../../../../shared/src/findings';
import type { Profile } from '../../../../shared/src/profiles';
import type { RuleContext } from '../../engine/types';
import type { ConnectivityOptions } from '../../connectivity/index';
import { connectivityTargets, type ConnectivityTarget } from './validate-document';

export const CONNECTIVITY_TTL_MS = 30_000;

export interface ConnectivityDeps {
  check(ctx: RuleContext, opts: ConnectivityOptions): Promise<Finding[]>;
  now(): number;
}

export interface CheckOutcome {
  keys: string[];
  findings: Finding[];
  /** Every answer came from the cache. */
  cached: boolean;
  /** A newer value made this check moot. */
  aborted: boolean;
}

interface CacheEntry {
  at: number;
  findings: Finding[];
}

const fingerprint = (ts: readonly ConnectivityTarget[]): string => ts.map((t) => `${t.key}\u0000${t.value}`).join('\u0001');

export class ConnectivityService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly running = new Map<string, { controller: AbortController; fingerprint: string }>();
  /** Per document: the findings of its last check, by `key\0value`. */
  private readonly results = new Map<string, Map<string, Finding[]>>();

  constructor(private readonly deps: ConnectivityDeps) {}

  async check(uri: string, ctx: RuleContext): Promise<CheckOutcome> {
    const targets = connectivityTargets(ctx);
    const keys = targets.map((t) => t.key);
    this.running.get(uri)?.controller.abort();
    const byValue = new Map<string, Finding[]>();
    const stale = targets.filter((t) => {
      const hit = this.fresh(ctx.profile, t);
      if (hit) byValue.set(valueKey(t), hit);
      return !hit;
    });
    if (stale.length === 0) return this.finish(uri, byValue, { keys, findings: [...byValue.values()].flat(), cached: targets.length > 0, aborted: false });
    const controller = new AbortController();
    const mine = { controller, fingerprint: fingerprint(targets) };
    this.running.set(uri, mine);
    try {
      const found = await this.deps.check(onlyKeys(ctx, new Set(stale.map((t) => t.key))), { signal: controller.signal });
      if (controller.signal.aborted) return { keys, findings: [], cached: false, aborted: true };
      const at = this.deps.now();
      for (const t of stale) {
        const fs = found.filter((f) => f.key === t.key);
        this.cache.set(cacheKey(ctx.profile, t), { at, findings: fs });
        byValue.set(valueKey(t), fs);
      }
      return this.finish(uri, byValue, { keys, findings: [...byValue.values()].flat(), cached: false, aborted: false });
    } catch (e) {
      if (controller.signal.aborted) return { keys, findings: [], cached: false, aborted: true };
      throw e;
    } finally {
      if (this.running.get(uri) === mine) this.running.delete(uri);
    }
  }

  /** After each validation run: abort a check whose values are no longer the document's. */
  valuesChanged(uri: string, targets: readonly ConnectivityTarget[]): void {
    const r = this.running.get(uri);
    if (r && r.fingerprint !== fingerprint(targets)) r.controller.abort();
  }

  /** The last check's findings that still apply, moved to where each value is now. */
  findingsFor(uri: string, targets: readonly ConnectivityTarget[]): Finding[] {
    const byValue = this.results.get(uri);
    if (!byValue) return [];
    return targets.flatMap((t) => (byValue.get(valueKey(t)) ?? []).map((f) => ({ ...f, range: t.range })));
  }

  forget(uri: string): void {
    this.running.get(uri)?.controller.abort();
    this.running.delete(uri);
    this.results.delete(uri);
  }

  private fresh(profile: Profile, t: ConnectivityTarget): Finding[] | undefined {
    const hit = this.cache.get(cacheKey(profile, t));
    if (!hit) return undefined;
    if (this.deps.now() - hit.at < CONNECTIVITY_TTL_MS) return hit.findings;
    this.cache.delete(cacheKey(profile, t));
    return undefined;
  }

  private finish(uri: string, byValue: Map<string, Finding[]>, outcome: CheckOutcome): CheckOutcome {
    this.results.set(uri, byValue);
    return outcome;
  }
}

const valueKey = (t: ConnectivityTarget): string => `${t.key}\u0000${t.value}`;
// The level of `unreachable` depends on the profile, so the profile is part of the cache key.
const cacheKey = (profile: Profile, t: ConnectivityTarget): string => `${profile}\u0000${valueKey(t)}`;

/**
 * The context without the connectivity variables whose answer is cached: checkConnectivity() skips a
 * variable that has no entry. `expanded` stays whole: checks read their settings from it.
 */
function onlyKeys(ctx: RuleContext, keys: ReadonlySet<string>): RuleContext {
  const targets = new Set(connectivityTargets(ctx).map((t) => t.key));
  const effective = new Map([...ctx.effective].filter(([k]) => !targets.has(k) || keys.has(k)));
  return { ...ctx, effective };
}
