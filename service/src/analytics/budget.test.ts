import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors';
import { QueryBudget, QueryGate, sortSliced } from './budget';
import { cursorKey, decodeCursor, encodeCursor } from './cursor';

describe('sortSliced', () => {
  it('sorts like Array.prototype.sort, stably, across many runs', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ k: (i * 7919) % 101, i }));
    const cmp = (a: { k: number }, b: { k: number }) => a.k - b.k;
    expect(await sortSliced(items, cmp, new QueryBudget(60_000))).toEqual([...items].sort(cmp));
  });
});

describe('QueryBudget', () => {
  it('stops with 503 query_timeout once the budget is spent, and yields to the event loop before that', async () => {
    const b = new QueryBudget(30);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const err = await (async () => {
      for (;;) {
        if (b.due()) await b.pause();
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).code).toBe('query_timeout');
    expect(timerRan).toBe(true);
  });
});

describe('cursors', () => {
  const state = { v: 1 as const, offset: 10, from: 1000, to: 2000, maxSeq: 5, hash: 'h' };
  it('round-trip with the key; refused when forged, re-signed with another key, or for another query', () => {
    const k = cursorKey('secret-a');
    const c = encodeCursor(state, k);
    expect(decodeCursor(c, 'h', k)).toEqual(state);
    const [payload, sig] = c.split('.') as [string, string];
    const forged = `${Buffer.from(JSON.stringify({ ...state, from: 0 })).toString('base64url')}.${sig}`;
    expect(() => decodeCursor(forged, 'h', k)).toThrow(/not one this service issued/);
    expect(() => decodeCursor(payload, 'h', k)).toThrow(/not one this service issued/);
    expect(() => decodeCursor(encodeCursor(state, cursorKey('secret-b')), 'h', k)).toThrow(/not one this service issued/);
    expect(() => decodeCursor(c, 'other', k)).toThrow(/different query/);
    // Two instances with the same admin secret accept each other's cursors.
    expect(decodeCursor(c, 'h', cursorKey('secret-a'))).toEqual(state);
  });
});

describe('QueryGate', () => {
  it('runs at most two at once, in order, and a query that waits past its budget gets 503', async () => {
    const gate = new QueryGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const release: Array<() => void> = [];
    const job = (i: number) =>
      gate.run(new QueryBudget(60_000), async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => release.push(r));
        running--;
        return i;
      });
    const jobs = [0, 1, 2, 3].map(job);
    const late = gate.run(new QueryBudget(20), () => Promise.resolve(-1)).catch((e: unknown) => e);
    expect(await late).toMatchObject({ status: 503, code: 'query_timeout' });
    while (release.length > 0 || order.length < 4) {
      const r = release.shift();
      if (r) r();
      await new Promise((x) => setImmediate(x));
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });
});
