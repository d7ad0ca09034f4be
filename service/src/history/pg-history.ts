// The PostgreSQL analytics history (M1_ANALYTICS_DATABASE_URL): migrations at start, batches written
// after the event store acknowledged them (COPY + rollup partials, one transaction), retention by
// dropping whole partitions, and queries routed to the rollups (long ranges on rollup dimensions) or the
// raw partitions. While the database is unreachable, batches wait in a bounded spool and queries are
// answered from memory (query-router.ts); a probe notices the database is back and drains the spool.
//
// The store interface a distributed engine would implement is the three methods the service calls:
// write(batch), query(q), dropBefore(cutoff) (docs/service.md "Beyond one database").
import { Pool, type PoolClient } from 'pg';
import type { Query, QueryResult } from '../../../shared/src/query';
import { cursorKey, type CursorKey } from '../analytics/cursor';
import type { AnalyticsOptions } from '../analytics/engine';
import { HistoryUnavailableError, type HistoryReader } from '../analytics/query-router';
import { HttpError } from '../http/errors';
import { compactMinutes } from './compact';
import { migrate, SCHEMA_NAME } from './migrations';
import { EVENTS_PARTITIONS, MINUTE_MS, ROLLUP5_PARTITIONS, ROLLUP_PARTITIONS } from './partitions';
import { rawQuery } from './raw-query';
import { rollupEligible, rollupQuery } from './rollup-query';
import { batchBytes, Spool } from './spool';
import { queryWindow } from './window';
import { HistoryWriter, type HistoryEvent } from './writer';

export const DEFAULT_SCHEMA = 'm1_analytics';
const PROBE_MS = 1000;
const RETENTION_EVERY_MS = 60_000;
const COMPACT_EVERY_MS = 30_000;
/** Minutes looked at by a compaction pass: the last hour, closed for at least two minutes. */
const COMPACT_SPAN_MIN = 60;
const COMPACT_GRACE_MIN = 2;

export interface PgHistoryOptions {
  url: string;
  /** Where the tables live; tests use one schema per file. */
  schema?: string;
  /** The shared engine's options: the raw path answers with an engine built from them. */
  engineOptions: AnalyticsOptions;
  clock?: () => number;
  spoolBytes: number;
  /** Windows at least this long go to the rollups when the query qualifies; default 1 h. */
  rollupMinRangeMs?: number;
  /** Raw rows one query may read; default 2,000,000. */
  maxRawRows?: number;
  onStateChange?: (state: 'up' | 'down', reason: string) => void;
}

export class PgHistory implements HistoryReader {
  readonly pool: Pool;
  readonly schema: string;
  readonly spool: Spool;
  private readonly writer: HistoryWriter;
  private readonly clock: () => number;
  private up = false;
  private draining = false;
  private probeTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  private closed = false;

  /** The engine options with one cursor key for every query: the raw path builds an engine per query,
   * and a page's cursor must verify on the next one. */
  private readonly engineOptions: AnalyticsOptions & { cursorKey: CursorKey };

  constructor(private readonly o: PgHistoryOptions) {
    this.schema = o.schema ?? DEFAULT_SCHEMA;
    this.engineOptions = { ...o.engineOptions, cursorKey: o.engineOptions.cursorKey ?? cursorKey(null) };
    if (!SCHEMA_NAME.test(this.schema)) throw new Error(`invalid history schema name "${this.schema}"`);
    this.clock = o.clock ?? Date.now;
    this.pool = new Pool({ connectionString: o.url, max: 8, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
    // An idle connection that dies (database restart) must not crash the process; the next use notices.
    this.pool.on('error', () => undefined);
    this.writer = new HistoryWriter(this.pool, this.schema);
    this.spool = new Spool(o.spoolBytes);
  }

  /** Runs the migrations; rejects when the database cannot be reached (the caller decides to refuse to
   * start or to start degraded). */
  async start(): Promise<number[]> {
    const applied = await migrate(this.pool, this.schema);
    this.setUp(true, 'started');
    this.startMaintenance();
    return applied;
  }

  /** Starts without the database: degraded until the probe reaches it (then migrations run). */
  startDegraded(reason: string): void {
    this.setUp(false, reason);
  }

  available(): boolean {
    return this.up && this.spool.size === 0;
  }

  /** Refuses a batch (503) before it is acknowledged when the spool could not take it. */
  assertCanAccept(events: number): void {
    if (this.available()) return;
    if (!this.spool.fits(events * 400)) {
      throw new HttpError(503, 'history_unavailable', 'the analytics history database is unreachable and the spool is full; retry later', [], { 'retry-after': '5' });
    }
  }

  /** Writes an acknowledged batch, or spools it while the database is unreachable. */
  async append(batch: readonly HistoryEvent[]): Promise<void> {
    if (batch.length === 0) return;
    if (!this.available()) {
      this.spool.push(batch);
      return;
    }
    try {
      await this.writer.write(batch);
    } catch (e) {
      this.spool.push(batch);
      this.setUp(false, `write failed: ${safeMessage(e)}`);
    }
  }

  async query(q: Query): Promise<QueryResult> {
    const now = this.clock();
    try {
      const w = queryWindow(q, now, this.engineOptions.retentionMs);
      if (rollupEligible(q) && w.to - w.from >= (this.o.rollupMinRangeMs ?? 3_600_000)) {
        return await rollupQuery(
          { pool: this.pool, schema: this.schema, now, retentionMs: this.engineOptions.retentionMs, anomalyThreshold: this.engineOptions.anomalyZThreshold, cursorKey: this.engineOptions.cursorKey },
          q,
        );
      }
      return await rawQuery({ pool: this.pool, schema: this.schema, engineOptions: this.engineOptions, now, maxRows: this.o.maxRawRows ?? 2_000_000 }, q);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (isUnavailable(e)) {
        this.setUp(false, `query failed: ${safeMessage(e)}`);
        throw new HistoryUnavailableError('the analytics history database is unreachable', { cause: e });
      }
      throw e;
    }
  }

  /** Creates the rollup partitions of these minutes (for loaders that write rollups themselves, such
   * as the benchmarks' generated day). */
  async ensureRollupPartitions(client: PoolClient, minutes: readonly number[]): Promise<void> {
    await this.writer.partitions.ensure(client, ROLLUP_PARTITIONS, minutes);
    await this.writer.partitions.ensure(client, ROLLUP5_PARTITIONS, minutes);
  }

  /** Drops the partitions wholly past the retention. */
  async applyRetention(): Promise<number> {
    const cutoff = this.clock() - this.engineOptions.retentionMs;
    const client = await this.pool.connect();
    try {
      const cutoffMin = Math.floor(cutoff / MINUTE_MS);
      return (
        (await this.writer.partitions.dropBefore(client, EVENTS_PARTITIONS, cutoff)) +
        (await this.writer.partitions.dropBefore(client, ROLLUP_PARTITIONS, cutoffMin)) +
        (await this.writer.partitions.dropBefore(client, ROLLUP5_PARTITIONS, cutoffMin))
      );
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (this.compactTimer) clearInterval(this.compactTimer);
    await this.pool.end();
  }

  /** Merges the rollup partials of the closed minutes of the last hour (compact.ts). */
  async compact(): Promise<number> {
    const nowMin = Math.floor(this.clock() / MINUTE_MS);
    const minutes = await compactMinutes(this.pool, this.schema, nowMin - COMPACT_SPAN_MIN, nowMin - COMPACT_GRACE_MIN);
    // 5-minute spans: closed once their last minute is.
    const spans = await compactMinutes(this.pool, this.schema, nowMin - COMPACT_SPAN_MIN, Math.floor((nowMin - COMPACT_GRACE_MIN) / 5) * 5 - 5, 'rollups_5m');
    return minutes + spans;
  }

  /** Retention and compaction timers (once; failures wait for the next tick or the probe). */
  private startMaintenance(): void {
    if (!this.retentionTimer) {
      this.retentionTimer = setInterval(() => void this.applyRetention().catch(() => undefined), RETENTION_EVERY_MS);
      this.retentionTimer.unref();
    }
    if (!this.compactTimer) {
      this.compactTimer = setInterval(() => void this.compact().catch(() => undefined), COMPACT_EVERY_MS);
      this.compactTimer.unref();
    }
  }

  private setUp(up: boolean, reason: string): void {
    const changed = this.up !== up;
    this.up = up;
    if (changed) this.o.onStateChange?.(up ? 'up' : 'down', reason);
    if (!up) this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, PROBE_MS);
    this.probeTimer.unref();
  }

  /** Reaches the database, runs any missing migration, drains the spool in order; else tries later. */
  private async probe(): Promise<void> {
    if (this.draining || this.closed) return;
    this.draining = true;
    try {
      await migrate(this.pool, this.schema);
      this.up = true;
      for (let b = this.spool.peek(); b; b = this.spool.peek()) {
        await this.writer.write(b);
        this.spool.shift();
      }
      this.setUp(true, 'reachable again, spool drained');
      this.startMaintenance();
    } catch (e) {
      this.up = false;
      this.o.onStateChange?.('down', `still unreachable: ${safeMessage(e)}`);
      this.scheduleProbe();
    } finally {
      this.draining = false;
    }
  }
}

/** Connection-level failures (the database is away), as opposed to an error in the statement. */
export function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|57|53)/.test(code)) return true; // connection exception, operator intervention, resources
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND…
  }
  const msg = e instanceof Error ? e.message : '';
  return /connection|terminat|timeout|ECONN/i.test(msg);
}

/** An error message without any connection string (pg never puts the password in one, but be sure). */
function safeMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/postgres(ql)?:\/\/[^\s]*/gi, 'postgres://…').slice(0, 300);
}

export { batchBytes };
