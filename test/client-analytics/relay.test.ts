// The extension host's relay (the `eventsource` package, token in the Authorization header) against
// the real service in-process: order, rollups, reconnect with Last-Event-ID (replay), reset after
// an aged-out id, and the states for 401, 403, no token and a service that is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { ConnectionState } from '../../shared/src/dashboard/connection-state';
import type { StreamItem } from '../../shared/src/dashboard/stream-items';
import { ApiClient } from '../../client/src/api/client';
import { NO_TOKEN_REASON, Relay, type RelayOptions } from '../../client/src/analytics/relay';
import { freePort } from '../support/ports';
import { startService, tempDataDir, toolsEvents, type RunningService } from '../dashboard/support/service';

/** Collects what a relay reports and lets a test wait for a condition on it (no sleeps). */
function recorder() {
  const items: StreamItem[] = [];
  const states: ConnectionState[] = [];
  const waiters: (() => void)[] = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  const until = (pred: () => boolean, what: string, ms = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; states: ${JSON.stringify(states.map((s) => s.status))}`)), ms);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    items,
    states,
    until,
    poke,
    events: () => items.flatMap((i) => (i.kind === 'event' ? [i.event] : [])),
    opts: { onItem: (i: StreamItem) => (items.push(i), poke()), onState: (s: ConnectionState) => (states.push(s), poke()) },
  };
}

/** A fetch that can be held shut (to control when a reconnect reaches the service) and records headers. */
function gatedFetch(onCall: () => void) {
  let open = true;
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const seen: Headers[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push(new Headers(init?.headers));
    onCall();
    await gate;
    return fetch(input, init);
  };
  return {
    fetch: f,
    seen,
    close() {
      if (!open) return;
      open = false;
      gate = new Promise((r) => (release = r));
    },
    open() {
      open = true;
      release();
    },
  };
}

describe('Relay against the service', () => {
  const data = tempDataDir();
  let service: RunningService;
  let api: ApiClient;
  const relays: Relay[] = [];
  const relay = (o: Partial<RelayOptions> & Pick<RelayOptions, 'onItem' | 'onState'>, token: string | null): Relay => {
    const r = new Relay({ baseUrl: service.url, token, initialDelayMs: 50, ...o });
    relays.push(r);
    r.start();
    return r;
  };

  beforeAll(async () => {
    service = await startService({ dataDir: data.dir, env: { M1_ANALYTICS_BUFFER_SIZE: '100' } });
    api = new ApiClient({ baseUrl: service.url, token: await service.token(['events:write']) });
  });
  afterAll(async () => {
    relays.forEach((r) => r.stop());
    await service.close();
    data.remove();
  });

  it('relays events in order, and rollups when asked', async () => {
    const rec = recorder();
    relay({ ...rec.opts, rollup: '1s' }, await service.token(['analytics:read']));
    await rec.until(() => rec.states.at(-1)?.status === 'connected', 'connected');
    await api.postEvents(toolsEvents(5, 10));
    await rec.until(() => rec.events().length === 5, '5 events');
    const ids = rec.events().map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(5);
    await rec.until(() => rec.items.some((i) => i.kind === 'rollup' && (i.rollup.types.tools?.count ?? 0) > 0), 'a rollup with the tools');
  });

  it('reconnects with Last-Event-ID and gets the events it missed, once each', async () => {
    const rec = recorder();
    const gate = gatedFetch(rec.poke);
    const r = relay({ ...rec.opts, types: ['health'], fetch: gate.fetch }, await service.token(['analytics:read']));
    await rec.until(() => rec.states.at(-1)?.status === 'connected', 'connected');
    await api.postEvents([{ type: 'health', component: 'db', status: 'up' }]);
    await rec.until(() => rec.events().length === 1, 'the first event');
    const lastId = rec.events()[0]!.id;

    gate.close();
    service.deps.hub.closeAll('test: drop every stream');
    await rec.until(() => rec.states.at(-1)?.status === 'reconnecting', 'reconnecting');
    await api.postEvents([
      { type: 'health', component: 'db', status: 'degraded' },
      { type: 'tools', tool: 't', status: 'ok', durationMs: 1 }, // filtered out by types=health
      { type: 'health', component: 'db', status: 'down' },
    ]);
    await rec.until(() => gate.seen.length >= 2, 'the reconnect attempt');
    gate.open();
    await rec.until(() => rec.events().length === 3, 'the two missed events');
    expect(gate.seen.at(-1)?.get('last-event-id')).toBe(lastId);
    expect(gate.seen.at(-1)?.get('authorization')).toMatch(/^Bearer /);
    expect(rec.events().map((e) => (e.type === 'health' ? e.status : e.type))).toEqual(['up', 'degraded', 'down']);
    expect(r.state.status).toBe('connected');
    expect(r.streamUrl()).not.toMatch(/token/);
  });

  it('reports a reset when the id it resumes from has left the buffer', async () => {
    const rec = recorder();
    const gate = gatedFetch(rec.poke);
    relay({ ...rec.opts, types: ['costs'], fetch: gate.fetch }, await service.token(['analytics:read']));
    await rec.until(() => rec.states.at(-1)?.status === 'connected', 'connected');
    await api.postEvents([{ type: 'costs', amountUsd: 1 }]);
    await rec.until(() => rec.events().length === 1, 'one event');
    gate.close();
    service.deps.hub.closeAll('test: drop every stream');
    await rec.until(() => rec.states.at(-1)?.status === 'reconnecting', 'reconnecting');
    await api.postEvents(toolsEvents(150, 1)); // the buffer keeps 100
    gate.open();
    await rec.until(() => rec.items.some((i) => i.kind === 'reset'), 'a reset');
    const reset = rec.items.find((i) => i.kind === 'reset');
    expect(reset).toMatchObject({ kind: 'reset', reset: { reason: 'aged-out' } });
    await api.postEvents([{ type: 'costs', amountUsd: 2 }]);
    await rec.until(() => rec.events().length === 2, 'live again');
  });

  it('stops on 401 and on 403, and stays off without a token', async () => {
    const bad = await new SignJWT({ scope: 'analytics:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('not-the-service-secret-0123456789abcdef0123456789'));
    const r401 = recorder();
    relay(r401.opts, bad);
    await r401.until(() => r401.states.at(-1)?.status === 'unauthorised', '401');
    expect(r401.states.at(-1)).toMatchObject({ httpStatus: 401 });

    const r403 = recorder();
    relay(r403.opts, await service.token(['events:write']));
    await r403.until(() => r403.states.at(-1)?.status === 'unauthorised', '403');
    expect(r403.states.at(-1)).toMatchObject({ httpStatus: 403 });

    const none = recorder();
    relay(none.opts, null);
    expect(none.states.at(-1)).toEqual({ status: 'off', reason: NO_TOKEN_REASON });
  });

  it('says why while the service is unreachable', async () => {
    const rec = recorder();
    const port = await freePort();
    const r = new Relay({ baseUrl: `http://127.0.0.1:${port}`, token: 't', initialDelayMs: 60_000, ...rec.opts });
    relays.push(r);
    r.start();
    await rec.until(() => rec.states.at(-1)?.status === 'reconnecting' && (rec.states.at(-1) as { retryAt: number | null }).retryAt !== null, 'a scheduled retry');
    expect(rec.states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1, reason: 'ECONNREFUSED' });
  });
});
