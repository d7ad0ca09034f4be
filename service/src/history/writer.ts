// Writes batches into the history: raw events with COPY (text format) and the batch's rollup partials
// with one multi-row INSERT, in one transaction, so that a batch is in the history whole or not at all.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AnalyticsEvent } from '../../../shared/src/events';
import { EVENT_COLUMNS, NUMBER_COLUMNS, STRING_COLUMNS } from './columns';
import { inTransaction } from './migrations';
import { EVENTS_PARTITIONS, MINUTE_MS, Partitions, ROLLUP5_PARTITIONS, ROLLUP_PARTITIONS } from './partitions';
import { buildRollups, coarsen, type RollupRow } from './rollup-build';

export interface HistoryEvent {
  seq: number;
  event: AnalyticsEvent;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
function copyText(v: string): string {
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyLine(h: HistoryEvent): string {
  const rec = h.event as unknown as Record<string, unknown>;
  const cells: string[] = [String(h.event.ts), String(h.seq), h.event.type];
  for (const c of STRING_COLUMNS) {
    const v = rec[c];
    cells.push(typeof v === 'string' ? copyText(v) : '\\N');
  }
  for (const c of NUMBER_COLUMNS) {
    const v = rec[c];
    cells.push(typeof v === 'number' ? String(v) : '\\N');
  }
  cells.push(h.event.tags && Object.keys(h.event.tags).length > 0 ? copyText(JSON.stringify(h.event.tags)) : '\\N');
  return cells.join('\t') + '\n';
}

export class HistoryWriter {
  readonly partitions: Partitions;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.partitions = new Partitions(schema);
  }

  async write(batch: readonly HistoryEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const rollups = buildRollups(batch.map((b) => b.event));
    const rollups5 = coarsen(rollups, 5);
    const client = await this.pool.connect();
    try {
      await inTransaction(client, async () => {
        await this.partitions.ensure(client, EVENTS_PARTITIONS, batch.map((b) => b.event.ts));
        await this.partitions.ensure(client, ROLLUP_PARTITIONS, rollups.map((r) => r.minute));
        await this.partitions.ensure(client, ROLLUP5_PARTITIONS, rollups5.map((r) => r.minute));
        await this.copyEvents(client, batch);
        await insertRollups(client, this.schema, rollups);
        await insertRollups(client, this.schema, rollups5, 'rollups_5m');
      });
    } finally {
      client.release();
    }
  }

  private async copyEvents(client: PoolClient, batch: readonly HistoryEvent[]): Promise<void> {
    const stream = client.query(copyFrom(`COPY "${this.schema}".events (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
    // Chunks of ~1,000 lines: one string per event would be many small writes.
    const chunks: string[] = [];
    for (let i = 0; i < batch.length; i += 1000) chunks.push(batch.slice(i, i + 1000).map(copyLine).join(''));
    await pipeline(Readable.from(chunks), stream);
  }
}

/** Multi-row INSERT of rollup rows (arrays as parameters: pg sends JS arrays and Buffers as PostgreSQL
 * arrays and bytea). A batch yields a few rows per minute, so this is small next to the COPY. */
export async function insertRollups(client: PoolClient, schema: string, rows: readonly RollupRow[], table: 'rollups' | 'rollups_5m' = 'rollups'): Promise<void> {
  const PARAMS = 12;
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const values: unknown[] = [];
    const tuples = part.map((r, k) => {
      const f = r.fields;
      values.push(
        r.minute,
        r.type,
        r.dims[0] ?? null,
        r.dims[1] ?? null,
        r.dims[2] ?? null,
        r.rows,
        f.map((x) => x.n),
        f.map((x) => x.sum),
        f.map((x) => x.sumsq),
        f.map((x) => (x.n > 0 ? x.min : 0)),
        f.map((x) => (x.n > 0 ? x.max : 0)),
        f.map((x) => x.sketch.encode()),
      );
      const b = k * PARAMS;
      return `(${Array.from({ length: PARAMS }, (_, c) => `$${b + c + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO "${schema}".${table} (minute, type, d0, d1, d2, rows, n, sum, sumsq, min, max, sketch) VALUES ${tuples.join(', ')}`, values);
  }
}

export { MINUTE_MS };
