import { describe, expect, it } from 'vitest';
import type { StreamItem } from '../../../shared/src/dashboard/stream-items';
import type { Clock } from '../../../shared/src/dashboard/stream-client';
import { MAX_ITEMS_PER_MESSAGE } from '../../../shared/src/webview-protocol';
import { ItemBatcher } from './batcher';

const item = (id: number): StreamItem => ({ kind: 'event', event: { id: String(id), type: 'costs', ts: 0, amountUsd: 1 } });

function manualClock(): Clock & { fire(): void } {
  let pending: (() => void)[] = [];
  return {
    now: () => 0,
    setTimeout: (fn) => (pending.push(fn), pending.length),
    clearTimeout: () => {
      pending = [];
    },
    fire: () => pending.splice(0).forEach((f) => f()),
  };
}

describe('ItemBatcher', () => {
  it('sends one batch per flush interval, in order', () => {
    const clock = manualClock();
    const sent: [number[], number][] = [];
    const b = new ItemBatcher({ clock, send: (items, dropped) => (sent.push([items.map((i) => (i.kind === 'event' ? Number(i.event.id) : -1)), dropped]), new Promise(() => {})) });
    for (let i = 1; i <= 3; i++) b.push(item(i));
    expect(sent).toEqual([]);
    clock.fire();
    expect(sent).toEqual([[[1, 2, 3], 0]]);
  });

  it('holds items while a batch is in flight and drops the oldest past its bound, counting them', async () => {
    const clock = manualClock();
    const sent: { ids: number[]; dropped: number }[] = [];
    let deliver: () => void = () => {};
    const b = new ItemBatcher({
      clock,
      maxPending: 10,
      send: (items, dropped) => {
        sent.push({ ids: items.map((i) => (i.kind === 'event' ? Number(i.event.id) : -1)), dropped });
        return new Promise<void>((r) => (deliver = r));
      },
    });
    b.push(item(0));
    clock.fire(); // batch 1 in flight, never acknowledged yet
    for (let i = 1; i <= 25; i++) b.push(item(i));
    clock.fire();
    expect(sent).toHaveLength(1);
    expect(b.pending).toBe(10);
    deliver();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent[1]).toEqual({ ids: [16, 17, 18, 19, 20, 21, 22, 23, 24, 25], dropped: 15 });
  });

  it('never sends more than a protocol message may carry', () => {
    const clock = manualClock();
    const sizes: number[] = [];
    const b = new ItemBatcher({ clock, send: (items) => (sizes.push(items.length), Promise.resolve()) });
    for (let i = 0; i < MAX_ITEMS_PER_MESSAGE + 5; i++) b.push(item(i));
    expect(sizes).toEqual([MAX_ITEMS_PER_MESSAGE]);
    b.dispose();
    clock.fire();
    expect(sizes).toEqual([MAX_ITEMS_PER_MESSAGE]);
  });
});
