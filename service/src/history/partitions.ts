// Hourly partitions of the events table and daily ones of the rollups: created when a batch first needs
// them, dropped whole once they are past the retention (no DELETE, no vacuum of dead rows).
import type { PoolClient } from 'pg';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTE_MS = 60_000;

export interface PartitionSpec {
  table: 'events' | 'rollups' | 'rollups_5m';
  /** Width of a partition in the table's key unit (events: ms of ts; rollups: minutes). */
  width: number;
  prefix: string;
}

export const EVENTS_PARTITIONS: PartitionSpec = { table: 'events', width: HOUR_MS, prefix: 'events_h' };
export const ROLLUP_PARTITIONS: PartitionSpec = { table: 'rollups', width: DAY_MS / MINUTE_MS, prefix: 'rollups_d' };
export const ROLLUP5_PARTITIONS: PartitionSpec = { table: 'rollups_5m', width: DAY_MS / MINUTE_MS, prefix: 'rollups5_d' };

export class Partitions {
  private readonly known = new Set<string>();

  constructor(private readonly schema: string) {}

  /** Creates the partitions holding `keys` (within the caller's transaction, under an advisory lock so
   * that two instances creating the same one do not collide). */
  async ensure(client: PoolClient, spec: PartitionSpec, keys: Iterable<number>): Promise<void> {
    const wanted = new Set<number>();
    for (const k of keys) wanted.add(Math.floor(k / spec.width));
    for (const n of wanted) {
      const name = `${spec.prefix}${n}`;
      if (this.known.has(name)) continue;
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`m1-history:${this.schema}:${name}`]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${this.schema}"."${name}" PARTITION OF "${this.schema}".${spec.table} FOR VALUES FROM (${n * spec.width}) TO (${(n + 1) * spec.width})`,
      );
      this.known.add(name);
    }
  }

  /** Drops the partitions wholly before `cutoff` (in the spec's key unit); resolves to how many. */
  async dropBefore(client: PoolClient, spec: PartitionSpec, cutoff: number): Promise<number> {
    const r = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace ns ON ns.oid = p.relnamespace WHERE ns.nspname = $1 AND p.relname = $2`,
      [this.schema, spec.table],
    );
    let dropped = 0;
    for (const { name } of r.rows) {
      if (!name.startsWith(spec.prefix)) continue;
      const n = Number(name.slice(spec.prefix.length));
      if (!Number.isInteger(n) || (n + 1) * spec.width > cutoff) continue;
      await client.query(`DROP TABLE IF EXISTS "${this.schema}"."${name}"`);
      this.known.delete(name);
      dropped++;
    }
    return dropped;
  }
}
