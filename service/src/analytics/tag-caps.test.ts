import { describe, expect, it } from 'vitest';
import { QuerySchema } from '../../../shared/src/query';
import { HttpError } from '../http/errors';
import { toStored } from '../store/types';
import type { SparseTagColumn } from './columnar-table';
import { CHUNK_ROWS } from './columnar-table';
import { AnalyticsEngine } from './engine';

const HOUR = 3_600_000;
const now = 100 * HOUR;
const engine = (maxTagNames = 4, maxTagValues = 3) =>
  new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now, tagCaps: { maxTagNames, maxTagValues } });
const health = (tags: Record<string, string>) => ({ type: 'health' as const, component: 'db', status: 'up' as const, ts: now, tags });

function refusal(f: () => void): HttpError {
  try {
    f();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('tag caps', () => {
  it('refuses a batch whose new tag names (counted across the batch) pass the cap, naming the item', () => {
    const e = engine(4);
    e.ingest([toStored(1, health({ a: '1', b: '1' }))]);
    expect(() => e.assertTagsFit([health({ a: '2', c: '1' }), health({ d: '1' })])).not.toThrow();
    const err = refusal(() => e.assertTagsFit([health({ c: '1' }), health({ d: '1' }), health({ x: '1' })]));
    expect(err.status).toBe(400);
    expect(err.code).toBe('too_many_tags');
    expect(err.issues[0]).toMatchObject({ index: 2, path: 'events[2].tags.x' });
    expect(err.message).toMatch(/M1_ANALYTICS_MAX_TAG_NAMES/);
  });

  it('refuses new values past the per-name cap, while known values still pass', () => {
    const e = engine(4, 3);
    e.ingest([1, 2, 3].map((i) => toStored(i, health({ region: `r${i}` }))));
    expect(() => e.assertTagsFit([health({ region: 'r1' }), health({ region: 'r3' })])).not.toThrow();
    expect(refusal(() => e.assertTagsFit([health({ region: 'r4' })])).message).toMatch(/M1_ANALYTICS_MAX_TAG_VALUES/);
  });

  it('drops (and counts) tags past the caps when events arrive from the store, and keeps the rows', () => {
    const e = engine(2, 10);
    e.ingest([toStored(1, health({ a: '1', b: '1', c: '1' })), toStored(2, health({ d: '1' }))]);
    expect(e.rowCount).toBe(2);
    expect(e.droppedTags).toBe(2);
    expect([...e.table('health').tagDicts.keys()]).toEqual(['a', 'b']);
  });

  it('stores nothing for rows without the tag, and answers tag filters and group-bys as before', async () => {
    const e = engine(8, 100);
    const n = CHUNK_ROWS + 100;
    e.ingest(Array.from({ length: n }, (_, i) => toStored(i + 1, i % 1000 === 0 ? health({ rare: `v${i % 3}` }) : health({}))));
    const col = e.table('health').chunks[0]?.tags.get('rare') as SparseTagColumn;
    expect(col.n).toBe(9); // 9 rows of the first chunk carry it: 8 bytes each, not 32 KiB
    expect(col.rows.length).toBeLessThan(32);
    const r = await e.query(QuerySchema.parse({ type: 'health', range: '1h', groupBy: ['tags.rare'], filters: [{ field: 'tags.rare', op: 'ne', value: 'v9' }] }));
    expect(r.rows).toEqual([
      { 'tags.rare': 'v0', count: 3 },
      { 'tags.rare': 'v1', count: 3 },
      { 'tags.rare': 'v2', count: 3 },
      { 'tags.rare': null, count: n - 9 },
    ]);
  });
});
