// Live connectivity checks, only on demand (`m1-ops validate --connectivity`, the language server's
// connectivity setting). Every check runs in parallel with its own deadline and the caller's
// signal; each failure becomes an `unreachable` finding on the value of the variable concerned
// (error in production-like profiles, warning elsewhere). Drivers load lazily inside the checks.
import type { Finding } from '../../../shared/src/findings';
import type { RuleContext } from '../engine/types';
import { classify } from './classify';
import { checkSignal } from './deadline';
import { checkHttpHealth } from './http-health';
import { checkJwks } from './jwks';
import { unreachableMessage } from './message';
import { checkPostgres } from './postgres';
import { checkRedis } from './redis';
import { checkRedisTopology } from './redis-topology';
import { hostPort, parseUrl, scrub } from './target';
import type { Check, Failure } from './types';

export interface ConnectivityOptions {
  /** Per check; default 3000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Target {
  key: string;
  service: string;
  protocols: readonly string[];
  check: Check;
}

const TARGETS: readonly Target[] = [
  { key: 'REDIS_URL', service: 'Redis', protocols: ['redis:', 'rediss:'], check: checkRedis },
  { key: 'DATABASE_URL', service: 'PostgreSQL', protocols: ['postgres:', 'postgresql:'], check: checkPostgres },
  { key: 'M1_API_BASE_URL', service: 'The M1 API', protocols: ['http:', 'https:'], check: checkHttpHealth },
  { key: 'M1_ANALYTICS_URL', service: 'The M1 analytics endpoint', protocols: ['http:', 'https:'], check: checkHttpHealth },
  { key: 'JWKS_URL', service: 'The JWKS', protocols: ['http:', 'https:'], check: checkJwks },
];

export const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Redis PING, PostgreSQL SELECT 1, HTTP health GETs and JWKS fetch, in parallel; `unreachable` findings.
 * Example files hold placeholders and are not checked. Rejects with the signal's reason when the
 * caller aborts (after every check has cleaned up).
 */
export async function checkConnectivity(ctx: RuleContext, opts: ConnectivityOptions = {}): Promise<Finding[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (ctx.isExample) return [];
  const jobs: Promise<Finding | null>[] = [];
  for (const t of TARGETS) {
    const entry = ctx.effective.get(t.key);
    const url = parseUrl(ctx.expanded[t.key], t.protocols);
    // Missing or malformed values are the type rules' business; there is nothing to connect to.
    if (!entry || !url) continue;
    jobs.push(
      runOne(t, url, ctx, timeoutMs, opts.signal).then((failure) => {
        if (!failure) return null;
        const secrets = [url.password, url.searchParams.get('password') ?? ''];
        const message = scrub(unreachableMessage(t.service, t.key, hostPort(url), url.hostname, failure, timeoutMs), secrets);
        return { rule: 'unreachable', level: ctx.prodLike ? 'error' : 'warning', message, range: ctx.range(entry.rawSpan), key: t.key, fixes: [] };
      }),
    );
  }
  const topology = checkRedisTopology(ctx, timeoutMs, opts.signal);
  const findings = await Promise.all(jobs);
  const topologyFindings = await topology;
  opts.signal?.throwIfAborted();
  return [...findings.filter((f): f is Finding => f !== null), ...topologyFindings];
}

async function runOne(t: Target, url: URL, ctx: RuleContext, timeoutMs: number, outer?: AbortSignal): Promise<Failure | null> {
  const signal = checkSignal(timeoutMs, outer);
  try {
    return await t.check(url, { signal, timeoutMs, env: ctx.expanded });
  } catch (e) {
    // A check that failed in an unforeseen way (e.g. a driver bug) still reports, it never throws.
    return classify(e);
  }
}
