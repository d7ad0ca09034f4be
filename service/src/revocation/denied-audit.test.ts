import { describe, expect, it } from 'vitest';
import { DeniedCheckAudit } from './denied-audit';
import type { AuditInput } from './types';

function collector(): { entries: AuditInput[]; sink: (e: AuditInput[]) => Promise<void> } {
  const entries: AuditInput[] = [];
  return { entries, sink: (e) => (entries.push(...e), Promise.resolve()) };
}

describe('DeniedCheckAudit', () => {
  it('writes the first denial of a token at once and folds repeats into one counted entry', async () => {
    const c = collector();
    const a = new DeniedCheckAudit({ sink: c.sink, actor: 'checker:t', windowMs: 3_600_000 });
    for (let i = 0; i < 1000; i++) a.note('revoked', { jti: 'hot', sub: 's' });
    await a.settled();
    expect(c.entries).toEqual([{ action: 'denied', actor: 'checker:t', client: null, reason: null, jti: 'hot', sub: 's', count: 1, detail: 'check denied: token revoked' }]);
    a.endWindow();
    await a.settled();
    expect(c.entries).toHaveLength(2);
    expect(c.entries[1]).toMatchObject({ jti: 'hot', count: 999 });
    await a.close();
  });

  it('bounds what a flood of distinct tokens writes and holds', async () => {
    const c = collector();
    const a = new DeniedCheckAudit({ sink: c.sink, actor: 'x', windowMs: 3_600_000, maxImmediatePerWindow: 10, maxKeys: 50 });
    for (let i = 0; i < 100_000; i++) a.note('fail-closed', { jti: `t${i}` });
    await a.settled();
    expect(c.entries).toHaveLength(10);
    a.endWindow();
    await a.settled();
    // 10 immediate + 40 more keys counted + 1 overflow entry; every denial accounted for.
    expect(c.entries).toHaveLength(10 + 40 + 1);
    expect(c.entries.reduce((n, e) => n + (e.count ?? 0), 0)).toBe(100_000);
    expect(c.entries.at(-1)?.detail).toMatch(/not itemised/);
    await a.close();
  });

  it('counts entries the sink could not take', async () => {
    let dropped = 0;
    const a = new DeniedCheckAudit({ sink: () => Promise.reject(new Error('down')), actor: 'x', onDropped: (n) => (dropped += n) });
    a.note('revoked', { jti: 'a' });
    await a.settled();
    expect(dropped).toBe(1);
    expect(a.dropped).toBe(1);
    await a.close();
  });
});
