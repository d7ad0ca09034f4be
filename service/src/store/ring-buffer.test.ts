import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';
import { toStored } from './types';

const ev = (seq: number) => toStored(seq, { type: 'costs', ts: seq, amountUsd: seq });

describe('RingBuffer', () => {
  it('replays everything after an id inside the buffer, nothing after the newest', () => {
    const r = new RingBuffer(5);
    for (let s = 1; s <= 8; s++) r.push(ev(s));
    expect(r.oldestSeq).toBe(4);
    expect(r.after(5)).toEqual({ kind: 'events', events: [ev(6), ev(7), ev(8)] });
    expect(r.after(3)).toMatchObject({ kind: 'events', events: [ev(4), ev(5), ev(6), ev(7), ev(8)] });
    expect(r.after(8)).toEqual({ kind: 'events', events: [] });
  });

  it('answers reset when the id aged out or is ahead of the stream', () => {
    const r = new RingBuffer(5);
    for (let s = 1; s <= 8; s++) r.push(ev(s));
    expect(r.after(2)).toEqual({ kind: 'reset', reason: 'aged-out' });
    expect(r.after(9)).toEqual({ kind: 'reset', reason: 'ahead' });
    expect(new RingBuffer(5).after(3)).toEqual({ kind: 'reset', reason: 'ahead' });
  });

  it('starts over when the sequence jumps (a gap cannot be replayed)', () => {
    const r = new RingBuffer(5);
    r.push(ev(1));
    r.push(ev(2));
    r.push(ev(10));
    expect(r.size).toBe(1);
    expect(r.after(2)).toEqual({ kind: 'reset', reason: 'aged-out' });
    expect(r.after(9)).toEqual({ kind: 'events', events: [ev(10)] });
  });
});
