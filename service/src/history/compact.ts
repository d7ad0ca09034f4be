// Compaction of rollup partials: every batch writes its own partial per minute and group, so at 1,000
// events/s in batches of 100 a minute holds hundreds of rows per group. Once a minute is closed, its
// partials are merged into one row per group, in one transaction (DELETE … RETURNING, merge in Node,
// INSERT), which changes no answer (sums add, sketches merge losslessly). A late batch for a compacted
// minute adds a partial again; the next pass merges it. One instance compacts at a time (advisory lock).
import type { Pool } from 'pg';
import type { EventType } from '../../../shared/src/events';
import { inTransaction } from './migrations';
import { emptyStats, type FieldStats, type RollupRow } from './rollup-build';
import { QuantileSketch } from './sketch';
import { insertRollups } from './writer';

/** Merges the partials of the minutes in [fromMinute, toMinute) that have more than one row for a group;
 * resolves to the rows removed (partials merged away). */
export async function compactMinutes(pool: Pool, schema: string, fromMinute: number, toMinute: number, table: 'rollups' | 'rollups_5m' = 'rollups'): Promise<number> {
  const client = await pool.connect();
  try {
    const lockName = `m1-history-compact:${schema}:${table}`;
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockName]);
    if (!lock.rows[0]?.ok) return 0;
    try {
      const minutes = await client.query<{ minute: string }>(
        `SELECT minute FROM "${schema}".${table} WHERE minute >= $1 AND minute < $2
         GROUP BY minute HAVING count(*) > count(DISTINCT (type, d0, d1, d2)) ORDER BY minute`,
        [fromMinute, toMinute],
      );
      let removed = 0;
      for (const { minute } of minutes.rows) {
        removed += await inTransaction(client, async () => {
          const r = await client.query<unknown[]>({
            text: `DELETE FROM "${schema}".${table} WHERE minute = $1 RETURNING type, d0, d1, d2, rows, n, sum, sumsq, min, max, sketch`,
            values: [minute],
            rowMode: 'array',
          });
          const merged = new Map<string, RollupRow>();
          for (const row of r.rows) {
            const dims = [row[1], row[2], row[3]] as (string | null)[];
            const key = JSON.stringify([row[0], dims]);
            const n = (row[5] as string[]).map(Number);
            let m = merged.get(key);
            if (!m) {
              m = { minute: Number(minute), type: row[0] as EventType, dims, rows: 0, fields: n.map(emptyStats) };
              merged.set(key, m);
            }
            m.rows += Number(row[4]);
            n.forEach((count, k) => {
              if (count === 0) return;
              const f = m.fields[k] as FieldStats;
              f.n += count;
              f.sum += (row[6] as number[])[k] as number;
              f.sumsq += (row[7] as number[])[k] as number;
              f.min = Math.min(f.min, (row[8] as number[])[k] as number);
              f.max = Math.max(f.max, (row[9] as number[])[k] as number);
              const sk = (row[10] as Buffer[])[k];
              if (sk) f.sketch.merge(QuantileSketch.decode(sk));
            });
          }
          await insertRollups(client, schema, [...merged.values()], table);
          return r.rows.length - merged.size;
        });
      }
      return removed;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    client.release();
  }
}
