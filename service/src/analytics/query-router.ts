// Which engine answers a query, and what the answer covers. Without a history database the in-memory
// engine answers, and says its coverage when the memory budget made its window shorter than the
// retention. With one (M1_ANALYTICS_DATABASE_URL) the database answers, so every instance gives the
// same answer from the same history; while it is unreachable the in-memory window answers instead, with
// the coverage it really has (what this instance received since it started, within the budget).
import { EVENT_TYPES, type EventType } from '../../../shared/src/events';
import type { Coverage, Query, QueryResult } from '../../../shared/src/query';
import type { AnalyticsEngine } from './engine';

/** A history store's read side (the PostgreSQL store implements it). */
export interface HistoryReader {
  /** False while the database is known to be unreachable: queries go to memory without waiting. */
  available(): boolean;
  /** Rejects with HistoryUnavailableError when the database cannot answer now. */
  query(q: Query): Promise<QueryResult>;
}

export class HistoryUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HistoryUnavailableError';
  }
}

export interface QueryRouterOptions {
  engine: AnalyticsEngine;
  history: HistoryReader | null;
  clock: () => number;
  /** Since when the in-memory engine received events (the instance's start): with a history database it
   * does not load older ones, so an answer from memory covers nothing before it. */
  memorySince: number;
}

export class QueryRouter {
  constructor(private readonly o: QueryRouterOptions) {}

  async query(q: Query): Promise<QueryResult> {
    const h = this.o.history;
    if (h?.available()) {
      try {
        return await h.query(q);
      } catch (e) {
        if (!(e instanceof HistoryUnavailableError)) throw e;
      }
    }
    // Promise.resolve: the engine's query is synchronous here and asynchronous (sliced) on another branch.
    const r = await Promise.resolve(this.o.engine.query(q));
    const c = this.memoryCoverage(q.type);
    if (c) r.coverage = c;
    return r;
  }

  /** 'up'/'down' for the history database; null when none is configured. */
  historyStatus(): 'up' | 'down' | null {
    const h = this.o.history;
    return h ? (h.available() ? 'up' : 'down') : null;
  }

  /** The narrowest coverage a query would carry now, over all types; null when all are whole. */
  narrowestCoverage(): Coverage | null {
    if (this.historyStatus() === 'up') return null;
    let out: Coverage | null = null;
    for (const t of EVENT_TYPES) {
      const c = this.memoryCoverage(t);
      if (c && (!out || c.from > out.from)) out = c;
    }
    return out;
  }

  /** What an answer from memory covers, when less than the retention. */
  memoryCoverage(type: EventType): Coverage | null {
    const c = this.o.engine.coverage(type);
    if (!this.o.history) return c;
    const now = this.o.clock();
    const from = Math.max(c?.from ?? -Infinity, this.o.memorySince);
    return { from: Math.min(from, now), to: now };
  }
}
