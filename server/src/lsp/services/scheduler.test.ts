import { describe, expect, it } from 'vitest';
import { ValidationScheduler, type Snapshot } from './scheduler';

/** A scheduler whose runs finish only when the test says so. */
function setup() {
  const docs = new Map<string, { version: number; text: string }>();
  const started: Snapshot[] = [];
  const finish: (() => void)[] = [];
  const delivered: { version: number; runs: number }[] = [];
  const failures: number[] = [];
  let failNext = false;
  const s = new ValidationScheduler<string>({
    snapshot: (uri) => {
      const d = docs.get(uri);
      return d && { uri, ...d };
    },
    run: (snap) => {
      started.push(snap);
      const fail = failNext;
      failNext = false;
      return new Promise((resolve, reject) => finish.push(() => (fail ? reject(new Error('boom')) : resolve(`result of ${snap.version}`))));
    },
    delivered: (snap, _r, runs) => delivered.push({ version: snap.version, runs }),
    failed: (snap) => failures.push(snap.version),
  });
  const edit = (version: number) => {
    docs.set('a', { version, text: `v${version}` });
    s.changed('a');
  };
  /** Finishes the oldest run and lets the scheduler react. */
  const complete = async () => {
    finish.shift()?.();
    await new Promise<void>((r) => setImmediate(r));
  };
  return { s, docs, started, delivered, failures, edit, complete, failNextRun: () => (failNext = true) };
}

describe('ValidationScheduler', () => {
  it('validates a change at once when nothing is in flight', async () => {
    const t = setup();
    t.edit(1);
    expect(t.started.map((x) => x.version)).toEqual([1]);
    await t.complete();
    expect(t.delivered).toEqual([{ version: 1, runs: 1 }]);
    t.edit(2);
    expect(t.started.map((x) => x.version)).toEqual([1, 2]);
  });

  it('coalesces changes made during a run into one run on the latest version', async () => {
    const t = setup();
    t.edit(1);
    for (let v = 2; v <= 10; v++) t.edit(v);
    expect(t.started).toHaveLength(1);
    await t.complete(); // v1 is stale: not delivered, one run on v10 starts
    expect(t.delivered).toEqual([]);
    expect(t.started.map((x) => x.version)).toEqual([1, 10]);
    await t.complete();
    expect(t.delivered).toEqual([{ version: 10, runs: 2 }]);
    expect(t.started).toHaveLength(2);
  });

  it('answers whenValidated with the result of that version or a later one', async () => {
    const t = setup();
    t.edit(1);
    const p = t.s.whenValidated('a', 1);
    t.edit(2);
    await t.complete();
    await t.complete();
    expect(await p).toBe('result of 2');
    expect(await t.s.whenValidated('a', 2)).toBe('result of 2');
  });

  it('drops a run whose document closed meanwhile, and releases waiters', async () => {
    const t = setup();
    t.edit(1);
    const p = t.s.whenValidated('a', 1);
    t.s.closed('a');
    expect(await p).toBeUndefined();
    await t.complete();
    expect(t.delivered).toEqual([]);
  });

  it('reports a failed run and keeps validating later changes', async () => {
    const t = setup();
    t.failNextRun();
    t.edit(1);
    const p = t.s.whenValidated('a', 1);
    await t.complete();
    expect(t.failures).toEqual([1]);
    expect(await p).toBeUndefined();
    t.edit(2);
    await t.complete();
    expect(t.delivered).toEqual([{ version: 2, runs: 2 }]);
  });
});
