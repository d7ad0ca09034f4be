// The embedded store (no REDIS_URL: one instance, development and demos). Same behaviour as the
// Redis store, state in memory, every change first made durable in an append-only file under
// M1_DATA_DIR (append-log.ts) and applied in memory only once durable, so what a client was told
// survives a restart or a kill -9. Invalidations go to in-process checkers directly.
import { join } from 'node:path';
import { z } from 'zod';
import { AppendLog, type RecoveryReport } from './append-log';
import { auditMatches, toEntry } from './audit-filter';
import { decodeRecord, encodeRecord } from './record-codec';
import {
  AUDIT_RETENTION_MS,
  AuditInputSchema,
  type AuditEntry,
  type AuditInput,
  type AuditPage,
  type AuditQuery,
  type InvalidationListener,
  type LookupKeys,
  type LookupResult,
  type NotBeforeEntry,
  type RevocationRecord,
  type RevocationStore,
  type StoreStatusListener,
} from './types';

const AuditLine = z.object({ id: z.string(), e: AuditInputSchema });
const LogLine = z.discriminatedUnion('k', [
  z.object({ k: z.literal('rev'), jti: z.string(), rec: z.string(), until: z.number(), audit: AuditLine }),
  z.object({
    k: z.literal('nbf'),
    kind: z.enum(['sub', 'tool']),
    value: z.string(),
    notBefore: z.number(),
    until: z.number(),
    audit: AuditLine,
  }),
  z.object({ k: z.literal('aud'), audit: AuditLine }),
]);
type LogLine = z.infer<typeof LogLine>;

interface Held {
  record: RevocationRecord;
  until: number;
}

export interface EmbeddedStoreOptions {
  /** M1_DATA_DIR (default ./.m1-ops). */
  dataDir: string;
  /** Compaction and expiry sweep interval. */
  sweepMs?: number;
  /** Clock (epoch ms); tests step it over retention periods. */
  now?: () => number;
}

export class EmbeddedRevocationStore implements RevocationStore {
  readonly kind = 'embedded' as const;
  private readonly records = new Map<string, Held>();
  private readonly notBefore = new Map<string, NotBeforeEntry>();
  /** Oldest first; ids increase, so it is sorted by id. */
  private audit: AuditEntry[] = [];
  private readonly listeners = new Set<InvalidationListener>();
  private lastMs = 0;
  private seq = 0;
  private log!: AppendLog;
  private sweepTimer: NodeJS.Timeout | undefined;
  recovery: RecoveryReport = { lines: 0, truncatedBytes: 0, skipped: 0 };

  private readonly now: () => number;

  private constructor(opts: EmbeddedStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  static async open(opts: EmbeddedStoreOptions): Promise<EmbeddedRevocationStore> {
    const s = new EmbeddedRevocationStore(opts);
    const { log, report } = await AppendLog.open(join(opts.dataDir, 'revocations.log'), (line) => s.replay(line));
    s.log = log;
    s.recovery = report;
    s.sweepTimer = setInterval(() => void s.sweep().catch(() => undefined), opts.sweepMs ?? 60_000);
    s.sweepTimer.unref();
    return s;
  }

  /** Number of fdatasync calls so far (benchmarks show the group-commit ratio). */
  get syncs(): number {
    return this.log.syncs;
  }

  health(): 'up' {
    return 'up';
  }

  lookup(keys: LookupKeys): Promise<LookupResult> {
    const now = this.now();
    const held = keys.jti === undefined ? undefined : this.records.get(keys.jti);
    return Promise.resolve({
      jtiRevoked: held !== undefined && held.until > now,
      subNotBefore: keys.sub === undefined ? null : this.activeNotBefore('sub', keys.sub, now),
      toolNotBefore: keys.tool === undefined ? null : this.activeNotBefore('tool', keys.tool, now),
    });
  }

  async revoke(record: RevocationRecord, until: number, audit: AuditInput): Promise<void> {
    const line: LogLine = { k: 'rev', jti: record.jti, rec: encodeRecord(record), until, audit: this.stamp(audit) };
    const before = this.records.get(record.jti)?.until ?? -Infinity;
    await this.log.append([JSON.stringify(line)], () => this.apply(line));
    const held = this.records.get(record.jti);
    // Only a revocation that changed something is announced (monotonic: see apply()).
    if (held !== undefined && held.until > before && held.until > this.now()) for (const l of this.listeners) l.revoked(record.jti, held.until);
  }

  async revokeAll(entry: NotBeforeEntry, audit: AuditInput): Promise<void> {
    const line: LogLine = { k: 'nbf', ...entry, audit: this.stamp(audit) };
    await this.log.append([JSON.stringify(line)], () => this.apply(line));
    for (const l of this.listeners) l.notBefore(entry);
  }

  getRecord(jti: string): Promise<RevocationRecord | null> {
    const h = this.records.get(jti);
    return Promise.resolve(h !== undefined && h.until > this.now() ? h.record : null);
  }

  async appendAudit(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    const lines: LogLine[] = entries.map((e) => ({ k: 'aud', audit: this.stamp(e) }));
    await this.log.append(
      lines.map((l) => JSON.stringify(l)),
      () => lines.forEach((l) => this.apply(l)),
    );
  }

  queryAudit(q: AuditQuery): Promise<AuditPage> {
    const since = Math.max(q.since ?? 0, this.now() - AUDIT_RETENTION_MS);
    const entries: AuditEntry[] = [];
    // Newest first: walk back from the end (or from just before the cursor).
    let i = this.audit.length - 1;
    if (q.after !== undefined) i = this.indexBefore(q.after);
    for (; i >= 0; i--) {
      const e = this.audit[i] as AuditEntry;
      const ms = Date.parse(e.at);
      if (q.until !== undefined && ms > q.until) continue;
      if (ms < since) break;
      if (!auditMatches(e, q)) continue;
      entries.push(e);
      if (entries.length >= q.limit) return Promise.resolve({ entries, next: i > 0 ? e.id : null });
    }
    return Promise.resolve({ entries, next: null });
  }

  subscribe(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(_listener: StoreStatusListener): () => void {
    return () => undefined; // always up: there is no connection to lose
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.listeners.clear();
    await this.log.close();
  }

  /** Drops expired state and, when the file holds mostly dead lines, rewrites it. */
  async sweep(): Promise<void> {
    const now = this.now();
    for (const [k, h] of this.records) if (h.until <= now) this.records.delete(k);
    for (const [k, n] of this.notBefore) if (n.until <= now) this.notBefore.delete(k);
    const cutoff = now - AUDIT_RETENTION_MS;
    let drop = 0;
    while (drop < this.audit.length && Date.parse((this.audit[drop] as AuditEntry).at) < cutoff) drop++;
    if (drop > 0) this.audit = this.audit.slice(drop);
    const live = this.records.size + this.notBefore.size + this.audit.length;
    if (this.log.lineCount > 2 * live + 1000) await this.log.rewrite(() => this.snapshot());
  }

  /** The current state as log lines (each audit entry once; records carry no audit of their own). */
  private snapshot(): string[] {
    const lines: string[] = [];
    for (const e of this.audit) lines.push(JSON.stringify({ k: 'aud', audit: { id: e.id, e: inputOf(e) } } satisfies LogLine));
    // Records and revoke-alls are re-written with an empty-marker audit pointing at nothing new:
    // their original audit entries are already in the lines above.
    for (const [jti, h] of this.records) lines.push(JSON.stringify({ k: 'rev', jti, rec: encodeRecord(h.record), until: h.until, audit: NO_AUDIT }));
    for (const n of this.notBefore.values()) lines.push(JSON.stringify({ k: 'nbf', ...n, audit: NO_AUDIT }));
    return lines;
  }

  private replay(raw: string): boolean {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return false;
    }
    const p = LogLine.safeParse(json);
    if (!p.success) return false;
    this.apply(p.data);
    const id = p.data.audit.id;
    if (id !== NO_AUDIT.id) {
      const [ms = 0, seq = 0] = id.split('-').map(Number);
      if (ms > this.lastMs || (ms === this.lastMs && seq >= this.seq)) {
        this.lastMs = ms;
        this.seq = seq + 1;
      }
    }
    return true;
  }

  private apply(line: LogLine): void {
    if (line.k === 'rev') {
      // Monotonic (service.md): a later revocation of the same jti never shortens or undoes an earlier
      // one. The first live record (who revoked it, why) stays; only a later `until` extends it. The
      // same rule applies on replay, so a restart reaches the same state.
      const record = decodeRecord(line.jti, line.rec);
      const prev = this.records.get(line.jti);
      if (record !== null && (prev === undefined || line.until > prev.until)) {
        this.records.set(line.jti, { record: prev !== undefined && prev.until > this.now() ? prev.record : record, until: line.until });
      }
    } else if (line.k === 'nbf') {
      const key = nbKey(line.kind, line.value);
      const prev = this.notBefore.get(key);
      if (prev === undefined || prev.notBefore <= line.notBefore) {
        this.notBefore.set(key, { kind: line.kind, value: line.value, notBefore: line.notBefore, until: line.until });
      }
    }
    if (line.audit.id !== NO_AUDIT.id) this.audit.push(toEntry(line.audit.id, line.audit.e));
  }

  /** Assigns the next `<ms>-<seq>` id (monotonic even if the clock steps back). */
  private stamp(e: AuditInput): { id: string; e: AuditInput } {
    const now = this.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.seq = 0;
    }
    return { id: `${this.lastMs}-${this.seq++}`, e };
  }

  private activeNotBefore(kind: 'sub' | 'tool', value: string, now: number): number | null {
    const n = this.notBefore.get(nbKey(kind, value));
    return n !== undefined && n.until > now ? n.notBefore : null;
  }

  /** Index of the newest entry strictly older than `id` (binary search; ids are sorted). */
  private indexBefore(id: string): number {
    const [ms = 0, seq = 0] = id.split('-').map(Number);
    let lo = 0;
    let hi = this.audit.length; // first index with id >= cursor
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const [m = 0, s = 0] = (this.audit[mid] as AuditEntry).id.split('-').map(Number);
      if (m < ms || (m === ms && s < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** Marks snapshot lines whose audit entry is stored separately. */
const NO_AUDIT = { id: '0-0', e: { action: 'revoke', actor: null, client: null, reason: null } } as const satisfies { id: string; e: AuditInput };

function nbKey(kind: 'sub' | 'tool', value: string): string {
  return `${kind}\u0000${value}`;
}

function inputOf(e: AuditEntry): AuditInput {
  const { id: _id, at: _at, ...input } = e;
  return input;
}
