import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/src/findings';
import type { ConnectivityOptions } from '../../connectivity/index';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { parseEnv } from '../../parser/parse';
import { CONNECTIVITY_TTL_MS, ConnectivityService } from './connectivity';
import { connectivityTargets } from './validate-document';

/** A rule context made by hand (no interpolation in these documents). */
function ctxOf(text: string): RuleContext {
  const parsed = parseEnv(text);
  const effective = new Map<string, EnvEntry>();
  for (const e of parsed.entries) effective.set(e.key, e);
  return { parsed, fileName: '.env', profile: 'development', prodLike: false, isExample: false, schema: 'm1', dialect: 'node', expanded: { ...parsed.values }, effective, range: (s) => parsed.lineIndex.rangeOf(s) };
}

/** A stand-in for checkConnectivity: records what it was asked and answers when told. */
function fakeCheck() {
  const calls: { keys: string[]; signal: AbortSignal | undefined; answer(f: Finding[]): void }[] = [];
  const check = (ctx: RuleContext, opts: ConnectivityOptions): Promise<Finding[]> =>
    new Promise((resolve, reject) => {
      opts.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      calls.push({ keys: connectivityTargets(ctx).map((t) => t.key), signal: opts.signal, answer: resolve });
    });
  return { calls, check };
}

const unreachable = (ctx: RuleContext, key: string): Finding => ({
  rule: 'unreachable',
  level: 'warning',
  message: `${key}: connection refused`,
  range: ctx.range(ctx.effective.get(key)!.rawSpan),
  key,
  fixes: [],
});

describe('ConnectivityService', () => {
  it('checks, caches each value for 30 s, and re-checks only what changed or expired', async () => {
    let now = 0;
    const f = fakeCheck();
    const svc = new ConnectivityService({ check: f.check, now: () => now });
    const a = ctxOf('REDIS_URL=redis://a:1\nDATABASE_URL=postgres://d/x\n');
    const first = svc.check('u', a);
    expect(f.calls[0]?.keys).toEqual(['REDIS_URL', 'DATABASE_URL']);
    f.calls[0]?.answer([unreachable(a, 'REDIS_URL')]);
    expect((await first).findings.map((x) => x.key)).toEqual(['REDIS_URL']);

    const again = await svc.check('u', a);
    expect(again.cached).toBe(true);
    expect(f.calls).toHaveLength(1);

    const b = ctxOf('REDIS_URL=redis://b:1\nDATABASE_URL=postgres://d/x\n');
    const third = svc.check('u', b);
    expect(f.calls[1]?.keys).toEqual(['REDIS_URL']);
    f.calls[1]?.answer([]);
    expect((await third).findings).toEqual([]);

    now += CONNECTIVITY_TTL_MS;
    const fourth = svc.check('u', b);
    expect(f.calls[2]?.keys).toEqual(['REDIS_URL', 'DATABASE_URL']);
    f.calls[2]?.answer([]);
    await fourth;
  });

  it('aborts a running check when a checked value changes, not when something else does', async () => {
    const f = fakeCheck();
    const svc = new ConnectivityService({ check: f.check, now: () => 0 });
    const ctx = ctxOf('REDIS_URL=redis://a:1\nPORT=1\n');
    const running = svc.check('u', ctx);
    svc.valuesChanged('u', connectivityTargets(ctxOf('REDIS_URL=redis://a:1\nPORT=2\n')));
    expect(f.calls[0]?.signal?.aborted).toBe(false);
    svc.valuesChanged('u', connectivityTargets(ctxOf('REDIS_URL=redis://a:2\n')));
    expect(f.calls[0]?.signal?.aborted).toBe(true);
    expect(await running).toMatchObject({ aborted: true, findings: [] });
  });

  it('keeps findings only for values that are still there, at their current place', async () => {
    const f = fakeCheck();
    const svc = new ConnectivityService({ check: f.check, now: () => 0 });
    const ctx = ctxOf('REDIS_URL=redis://a:1\n');
    const p = svc.check('u', ctx);
    f.calls[0]?.answer([unreachable(ctx, 'REDIS_URL')]);
    await p;
    const moved = connectivityTargets(ctxOf('\n\nREDIS_URL=redis://a:1\n'));
    expect(svc.findingsFor('u', moved).map((x) => x.range.start.line)).toEqual([2]);
    expect(svc.findingsFor('u', connectivityTargets(ctxOf('REDIS_URL=redis://other:1\n')))).toEqual([]);
    svc.forget('u');
    expect(svc.findingsFor('u', moved)).toEqual([]);
  });
});
