// RevocationChecker: the check an M1 application runs on every request (service.md, "The check").
//
// - Cached path: one Map lookup and a clock read; returns a shared, already-resolved promise, so
//   it allocates nothing.
// - Uncached path: one store lookup (Redis: one MGET, batched with the other lookups of the same
//   tick); concurrent checks of the same token share it.
// - Invalidation: the store's feed (Redis pub/sub) marks cached tokens revoked as soon as any
//   instance revokes them; a revoke-all or a feed reconnect drops the whole cache (revoke-all is
//   rare, and a reconnect means messages may have been lost). While the feed is down, the cache
//   TTL bounds staleness.
// - Failure: a lookup that rejects (the Redis client is configured to reject within
//   REDIS_COMMAND_TIMEOUT_MS) is answered "revoked" (fail-closed) unless failOpen, emits an
//   `errors` event and is counted.
import { EventEmitter } from 'node:events';
import { ALLOWED, AnswerCache, MISS } from './cache';
import { DeniedCheckAudit, type DeniedAuditOptions } from './denied-audit';
import { safeErrorMessage } from './safe-error';
import { cacheKey, claimsOf, decide, revokedUntil, type CheckClaims } from './claims';
import type { InvalidationListener, LookupResult, RevocationStore } from './types';

export { decide, type CheckClaims } from './claims';


/** The `errors` event (service.md, Events) a denied-by-failure check emits. */
export interface RevocationErrorEvent {
  type: 'errors';
  code: 'revocation_store_unavailable';
  message: string;
  severity: 'high';
  source: 'revocation';
}

export interface RevocationCheckerOptions {
  store: Pick<RevocationStore, 'lookup' | 'subscribe' | 'onStatus' | 'appendAudit' | 'close'>;
  /** close() also closes the store (when the checker made it: createRevocationChecker). */
  ownsStore?: boolean;
  /** TOKEN_REVOCATION_CACHE_TTL_S: how long a "not revoked" answer is trusted. */
  cacheTtlS: number;
  /** Bound on cached answers (approximate LRU). Default 100,000 (~10 MB). */
  maxCacheEntries?: number;
  /** TOKEN_REVOCATION_FAIL_OPEN: answer "not revoked" when the store fails. Development only. */
  failOpen?: boolean;
  /** The `errors` event hook; called once per denied-by-failure (or fail-open) check. */
  onError?: (event: RevocationErrorEvent) => void;
  /** Audit denied checks (aggregated, see denied-audit.ts); false to disable. */
  deniedAudit?: false | Partial<Omit<DeniedAuditOptions, 'sink'>>;
  /** Names this instance in audit entries (`checker:<id>`). */
  instanceId?: string;
  /** Called with each check's outcome (the service counts them in /metrics); omit on hot paths. */
  onOutcome?: (outcome: CheckOutcome) => void;
  /** Clock (epoch ms); tests inject one to step over the cache TTL without sleeping. */
  now?: () => number;
}

export type CheckOutcome = 'allowed' | 'revoked' | 'failClosed' | 'failOpen' | 'malformed';

/** Counters read by /metrics at scrape time (no work on the check path beyond an increment). */
export interface CheckerStats {
  allowed: number;
  revoked: number;
  failClosed: number;
  failOpen: number;
  malformed: number;
  cacheHits: number;
  cacheMisses: number;
  storeErrors: number;
}

interface Flight {
  promise: Promise<CheckOutcome>;
  /** A pub/sub message said this jti was revoked while the lookup was in flight. */
  revokedByMessage: boolean;
  /** Why the lookup failed (safe to show), when it did. */
  failure: string;
}

export interface RevocationCheckerEvents {
  'store-down': [];
  'store-up': [];
  'pubsub-down': [];
  /** The feed (re)connected and the cache was dropped. */
  'pubsub-reset': [];
  /** A check was decided by a store failure (fail-closed or fail-open). */
  failure: [outcome: 'failClosed' | 'failOpen', message: string];
  /** An invalidation arrived: a jti was revoked somewhere. */
  invalidated: [jti: string];
  /** A revoke-all arrived; the cache was dropped. */
  'not-before': [];
}

const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);
/** Which outcomes refuse the token. */
const DENIES: Record<CheckOutcome, boolean> = { allowed: false, revoked: true, failClosed: true, failOpen: false, malformed: true };
/** Shared already-resolved promises: the cached path allocates nothing. */
const RESOLVED: Record<CheckOutcome, Promise<CheckOutcome>> = {
  allowed: Promise.resolve('allowed'),
  revoked: Promise.resolve('revoked'),
  failClosed: Promise.resolve('failClosed'),
  failOpen: Promise.resolve('failOpen'),
  malformed: Promise.resolve('malformed'),
};

export class RevocationChecker extends EventEmitter<RevocationCheckerEvents> {
  readonly stats: CheckerStats = { allowed: 0, revoked: 0, failClosed: 0, failOpen: 0, malformed: 0, cacheHits: 0, cacheMisses: 0, storeErrors: 0 };
  private readonly cache: AnswerCache;
  private readonly inflight = new Map<string, Flight>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly failOpen: boolean;
  private readonly onOutcome: ((o: CheckOutcome) => void) | undefined;
  private readonly audit: DeniedCheckAudit | null;
  private readonly unsubscribe: Array<() => void> = [];
  /** Bumped when the whole cache is dropped; a lookup that started before must not be cached. */
  private epoch = 0;

  constructor(private readonly opts: RevocationCheckerOptions) {
    super();
    if (!(opts.cacheTtlS > 0)) throw new RangeError('cacheTtlS must be > 0');
    this.now = opts.now ?? Date.now;
    this.cache = new AnswerCache(opts.maxCacheEntries ?? 100_000, this.now());
    this.ttlMs = opts.cacheTtlS * 1000;
    this.failOpen = opts.failOpen === true;
    this.onOutcome = opts.onOutcome;
    this.audit =
      opts.deniedAudit === false
        ? null
        : new DeniedCheckAudit({
            actor: `checker:${opts.instanceId ?? process.pid}`,
            ...opts.deniedAudit,
            sink: (entries) => opts.store.appendAudit(entries),
          });
    const listener: InvalidationListener = {
      revoked: (jti, until) => this.onRevokedMessage(jti, until),
      notBefore: () => {
        this.dropAll();
        this.emit('not-before');
      },
      reset: () => {
        this.dropAll();
        this.emit('pubsub-reset');
      },
      down: () => this.emit('pubsub-down'),
    };
    this.unsubscribe.push(opts.store.subscribe(listener));
    this.unsubscribe.push(opts.store.onStatus((s) => this.emit(s === 'up' ? 'store-up' : 'store-down')));
  }

  /**
   * Whether the token must be refused. Takes the raw JWT (decoded, not verified: verify it
   * yourself) or its already-verified claims (faster). Never rejects. True for a revoked token,
   * for a store failure (fail-closed, unless failOpen) and for input that is not a token.
   */
  isRevoked(tokenOrClaims: string | CheckClaims): Promise<boolean> {
    const c = typeof tokenOrClaims === 'string' ? claimsOf(tokenOrClaims) : tokenOrClaims;
    const o = this.quick(c);
    if (o !== undefined) return DENIES[o] ? TRUE : FALSE;
    const claims = c as CheckClaims;
    const flight = this.flight(claims);
    return flight.promise.then((r) => DENIES[this.settle(r, claims, flight)]);
  }

  /** Like isRevoked, but says why: lets a caller tell "revoked" from "could not check". */
  check(tokenOrClaims: string | CheckClaims): Promise<CheckOutcome> {
    const c = typeof tokenOrClaims === 'string' ? claimsOf(tokenOrClaims) : tokenOrClaims;
    const o = this.quick(c);
    if (o !== undefined) return RESOLVED[o];
    const claims = c as CheckClaims;
    const flight = this.flight(claims);
    return flight.promise.then((r) => this.settle(r, claims, flight));
  }

  /** Number of cached answers (for tests and metrics). */
  get cacheSize(): number {
    return this.cache.size;
  }

  /** Resolves once denied-check audit entries queued so far are written. */
  async flushAudit(): Promise<void> {
    this.audit?.endWindow();
    await this.audit?.settled();
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.audit?.close();
    if (this.opts.ownsStore === true) await this.opts.store.close();
  }

  /** The answer without a store round trip (cache hit, or nothing to look up), else undefined. */
  private quick(c: CheckClaims | null): CheckOutcome | undefined {
    if (c === null || typeof c !== 'object') {
      this.count('malformed'); // not a token we can reason about: refuse, like a failed verification
      return 'malformed';
    }
    const key = cacheKey(c);
    if (key === null) {
      this.count('allowed'); // no jti, sub or tool: no revocation can ever name this token
      return 'allowed';
    }
    const hit = this.cache.get(key, this.now());
    if (hit === MISS) return undefined;
    this.stats.cacheHits++;
    if (hit !== ALLOWED) {
      this.count('revoked');
      this.audit?.note('revoked', c);
      return 'revoked';
    }
    this.count('allowed');
    return 'allowed';
  }

  /** The lookup for this token: the one in flight, or a new one. */
  private flight(c: CheckClaims): Flight {
    const key = cacheKey(c) as string;
    this.stats.cacheMisses++;
    let f = this.inflight.get(key);
    if (f === undefined) {
      f = { promise: RESOLVED.allowed, revokedByMessage: false, failure: '' };
      this.inflight.set(key, f);
      f.promise = this.lookup(key, c, f);
    }
    return f;
  }

  /** One store lookup, shared by every concurrent check of the same token. */
  private async lookup(key: string, c: CheckClaims, flight: Flight): Promise<CheckOutcome> {
    const epoch = this.epoch;
    let r: LookupResult;
    try {
      r = await this.opts.store.lookup(c); // reads jti, sub and tool only
    } catch (e) {
      this.inflight.delete(key);
      this.stats.storeErrors++;
      flight.failure = safeErrorMessage(e);
      return this.failOpen ? 'failOpen' : 'failClosed';
    }
    this.inflight.delete(key);
    const revoked = flight.revokedByMessage || decide(c, r);
    const now = this.now();
    if (epoch === this.epoch) {
      this.cache.set(key, revoked, revoked ? revokedUntil(c, now, this.ttlMs) : now + this.ttlMs, now);
    }
    return revoked ? 'revoked' : 'allowed';
  }

  /** Per check: count it, audit a denial, report a failure (each denied-by-failure check emits). */
  private settle(o: CheckOutcome, c: CheckClaims, flight: Flight): CheckOutcome {
    this.count(o);
    if (o === 'revoked') {
      this.audit?.note('revoked', c);
    } else if (o === 'failClosed' || o === 'failOpen') {
      const message =
        o === 'failOpen'
          ? `revocation check failed OPEN (TOKEN_REVOCATION_FAIL_OPEN=true): store unavailable (${flight.failure})`
          : `revocation check failed closed, token denied: store unavailable (${flight.failure})`;
      this.opts.onError?.({ type: 'errors', code: 'revocation_store_unavailable', message, severity: 'high', source: 'revocation' });
      this.emit('failure', o, message);
      if (o === 'failClosed') this.audit?.note('fail-closed', c);
    }
    return o;
  }

  private count(o: CheckOutcome): void {
    this.stats[o]++;
    if (this.onOutcome !== undefined) this.onOutcome(o);
  }

  private onRevokedMessage(jti: string, until: number): void {
    if (this.cache.has(jti)) this.cache.set(jti, true, until, this.now());
    const f = this.inflight.get(jti);
    if (f !== undefined) f.revokedByMessage = true;
    this.emit('invalidated', jti);
  }

  private dropAll(): void {
    this.epoch++;
    this.cache.clear();
  }
}
