import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../shared/src/events';
import { EmbeddedEventStore } from './embedded';
import { SEQUENCE_FILE } from './sequence-file';
import type { StoredEvent } from './types';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'm1-embedded-seq-'));
  dirs.push(d);
  return d;
};
const ev = (n: number): NormalizedEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'costs', ts: i, amountUsd: i }));

async function run(dir: string | undefined, batches: number[], block?: number): Promise<number[]> {
  const store = new EmbeddedEventStore({ ...(dir === undefined ? {} : { dataDir: dir }), ...(block === undefined ? {} : { reserveBlock: block }) });
  const seen: StoredEvent[] = [];
  store.subscribe({ onEvents: (b) => seen.push(...b), onGap: () => undefined });
  await store.start();
  for (const n of batches) await store.append(ev(n));
  await store.close();
  return seen.map((e) => e.seq);
}

const consecutive = (ids: number[]): boolean => ids.every((id, i) => i === 0 || id === (ids[i - 1] as number) + 1);

describe('EmbeddedEventStore ids', () => {
  it('without a data directory: ids from 1, gap-free', async () => {
    expect(await run(undefined, [3, 2])).toEqual([1, 2, 3, 4, 5]);
  });

  it('a new run on the same directory starts above every id the previous run handed out, gap-free within the run', async () => {
    const dir = tmp();
    const first = await run(dir, [5, 10], 8); // crosses a reservation block inside the run
    expect(first).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const second = await run(dir, [4, 7], 8);
    expect(consecutive(second)).toBe(true);
    expect(second[0]).toBeGreaterThan(Math.max(...first) + 1); // a gap between runs: an old id is never "just before" the new ones
    const third = await run(dir, [1], 8);
    expect(third[0]).toBeGreaterThan(Math.max(...second) + 1);
  });

  it('writes the reservation before handing out an id beyond it (what a kill -9 leaves is enough)', async () => {
    const dir = tmp();
    const store = new EmbeddedEventStore({ dataDir: dir, reserveBlock: 4 });
    await store.start();
    for (let i = 0; i < 10; i++) {
      const first = await store.append(ev(3));
      const reserved = Number(readFileSync(join(dir, SEQUENCE_FILE), 'utf8'));
      expect(reserved).toBeGreaterThan(first + 2); // the file covers every id handed out so far, and more
    }
  });

  it('a corrupt sequence file falls back to the clock (far above any run), not to 1', async () => {
    const dir = tmp();
    writeFileSync(join(dir, SEQUENCE_FILE), 'garbage');
    const store = new EmbeddedEventStore({ dataDir: dir, clock: () => 1_700_000_000_000 });
    await store.start();
    expect(await store.append(ev(1))).toBe(1_700_000_000_001);
  });

  it('an unwritable data directory: the batch is refused as store-unavailable (503), nothing delivered', async () => {
    const dir = tmp();
    const store = new EmbeddedEventStore({ dataDir: join(dir, 'f'), reserveBlock: 2 });
    await store.start();
    await store.append(ev(1));
    rmSync(join(dir, 'f'), { recursive: true, force: true });
    writeFileSync(join(dir, 'f'), 'a file where the directory was');
    const seen: StoredEvent[] = [];
    store.subscribe({ onEvents: (b) => seen.push(...b), onGap: () => undefined });
    await expect(store.append(ev(5))).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(seen).toEqual([]);
  });
});
