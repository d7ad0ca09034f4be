// The live stream's behaviour, run on both stores (stream.embedded.test.ts, stream.redis.test.ts).
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestService, type TestService } from './harness';
import { openStream, rawIds, type StreamClient } from './sse-client';

const pad = 'x'.repeat(250);

export function toolEvents(n: number, tool = 'search'): unknown[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'tools', tool, status: i % 7 === 0 ? 'error' : 'ok', durationMs: 10 + (i % 50) }));
}

/** A raw HTTP request on a socket: for checks eventsource hides (headers, comments) and for a client that never reads. */
function rawStream(url: string, path: string, token: string): Promise<{ socket: Socket; text: () => string; waitFor: (s: string) => Promise<void> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let buf = '';
    const waiters = new Set<() => void>();
    const socket = connect(Number(u.port), u.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
      resolve({
        socket,
        text: () => buf,
        waitFor: (s) =>
          new Promise<void>((res, rej) => {
            if (buf.includes(s)) return res();
            const timer = setTimeout(() => rej(new Error(`timed out waiting for ${JSON.stringify(s)} in ${JSON.stringify(buf.slice(-500))}`)), 15_000);
            const check = () => {
              if (buf.includes(s)) {
                clearTimeout(timer);
                waiters.delete(check);
                res();
              }
            };
            waiters.add(check);
          }),
      });
    });
    socket.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      for (const w of [...waiters]) w();
    });
    socket.on('error', reject);
  });
}

export function streamSuite(name: string, env: () => Record<string, string>): void {
  describe(`live stream (${name} store)`, () => {
    let svc: TestService;
    let token: string;
    const clients: StreamClient[] = [];
    const open = (path: string, t: string | null = token, headers: Record<string, string> = {}) => {
      const c = openStream(`${svc.url}${path}`, t, headers);
      clients.push(c);
      return c;
    };
    let posted = 0;
    /** Posts, then waits until the store delivered the batch (Redis: it arrives through XREAD). */
    const post = async (events: unknown[]) => {
      const r = await postJson(`${svc.url}/v1/events`, { events }, token);
      expect(r.status).toBe(202);
      posted += events.length;
      await svc.waitDelivered(posted);
    };
    const latestId = () => svc.delivered().latestSeq;

    beforeAll(async () => {
      svc = await startTestService({ M1_ANALYTICS_BUFFER_SIZE: '100', ...env() }, { pingMs: 200 });
      token = await svc.token();
    });
    afterAll(async () => {
      for (const c of clients) c.close();
      await svc.close();
    });

    it('sends the SSE headers, retry first, then each event with its id, type and data', async () => {
      const raw = await rawStream(svc.url, '/v1/stream', token);
      await raw.waitFor('retry: 2000\n\n');
      const head = raw.text();
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head).toMatch(/content-type: text\/event-stream/i);
      expect(head).toMatch(/cache-control: no-cache/i);
      expect(head).toMatch(/x-accel-buffering: no/i);
      expect(head).not.toMatch(/content-encoding/i);
      await post([{ type: 'errors', code: 'E1', message: 'boom', severity: 'high', ts: '2030-01-01T00:00:00Z' }]);
      const id = latestId();
      await raw.waitFor(`id: ${id}\nevent: errors\ndata: `);
      const frame = raw.text().split(`id: ${id}\n`)[1] as string;
      const data = JSON.parse((frame.split('\n')[1] as string).slice('data: '.length)) as Record<string, unknown>;
      expect(data).toEqual({ id: String(id), type: 'errors', code: 'E1', message: 'boom', severity: 'high', ts: Date.parse('2030-01-01T00:00:00Z') });
      await raw.waitFor(': ping\n\n');
      raw.socket.destroy();
    });

    it('replays after a disconnect with no gap and no duplicate (Last-Event-ID)', async () => {
      const start = latestId();
      const c = open('/v1/stream?types=tools');
      await c.waitFor(() => c.opens === 1, 'open');
      await post(toolEvents(10));
      await c.waitFor((r) => rawIds(r).length === 10, '10 events');
      // Cut the connection; while the client waits to reconnect (retry: 2000), more events arrive.
      const reconnected = c.waitFor(() => c.opens === 2, 'reconnect', 20_000);
      const errored = new Promise<void>((resolve) => c.es.addEventListener('error', () => resolve(), { once: true }));
      c.cut();
      await errored;
      await post(toolEvents(15));
      await reconnected;
      await post(toolEvents(5));
      await c.waitFor((r) => rawIds(r).length >= 30, '30 events');
      const ids = rawIds(c.received);
      expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => start + 1 + i));
      expect(c.received.some((r) => r.event === 'reset')).toBe(false);
      c.close();
    }, 60_000);

    it('sends reset when the Last-Event-ID has left the buffer, then continues live', async () => {
      const old = latestId();
      await post(toolEvents(150)); // buffer holds 100
      const c = open(`/v1/stream?lastEventId=${old}`);
      await post(toolEvents(1, 'after-reset'));
      const target = latestId();
      await c.waitFor((r) => rawIds(r).includes(target), 'the live event');
      expect(c.received[0]).toMatchObject({ event: 'reset', data: { reason: 'aged-out', oldestId: String(target - 100) } });
      expect(rawIds(c.received)).toEqual([target]);
      c.close();
    });

    it('replays from ?lastEventId= inside the buffer and filters by type', async () => {
      const from = latestId();
      await post([...toolEvents(3), { type: 'costs', amountUsd: 0.5 }, ...toolEvents(2)]);
      const c = open(`/v1/stream?lastEventId=${from}&types=costs`);
      await c.waitFor((r) => r.length >= 1, 'the replayed cost event');
      expect(c.received).toEqual([{ event: 'costs', id: String(from + 4), data: expect.objectContaining({ type: 'costs', amountUsd: 0.5 }) as unknown }]);
      c.close();
    });

    it('treats a garbage Last-Event-ID as unknown history: reset (reason invalid), then live', async () => {
      const c = open('/v1/stream', token, { 'Last-Event-ID': 'not-an-id' });
      await c.waitFor((r) => r.length >= 1, 'reset');
      expect(c.received[0]).toMatchObject({ event: 'reset', data: { reason: 'invalid' } });
      await post(toolEvents(1));
      const id = latestId();
      await c.waitFor((r) => rawIds(r).includes(id), 'live event');
      c.close();
    });

    it('sends reset (reason ahead) for an id beyond the stream', async () => {
      const c = open(`/v1/stream?lastEventId=${latestId() + 1000}`);
      await c.waitFor((r) => r.length >= 1, 'reset');
      expect(c.received[0]).toMatchObject({ event: 'reset', data: { reason: 'ahead' } });
      c.close();
    });

    it('accepts ?access_token= and never logs it', async () => {
      const c = open(`/v1/stream?access_token=${encodeURIComponent(token)}&types=health`, null);
      await c.waitFor(() => c.opens === 1, 'open');
      await post([{ type: 'health', component: 'db', status: 'up' }]);
      await c.waitFor((r) => r.some((x) => x.event === 'health'), 'health event');
      const logs = svc.logs.join('');
      expect(logs).toContain('access_token=[REDACTED]');
      expect(logs).not.toContain(token);
      c.close();
    });

    it('answers 401/403/400 before streaming', async () => {
      const none = await fetch(`${svc.url}/v1/stream`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await fetch(`${svc.url}/v1/stream`, { headers: { authorization: `Bearer ${await svc.token(['events:write'])}` } });
      expect(wrong.status).toBe(403);
      const bad = await fetch(`${svc.url}/v1/stream?types=tools,bogus`, { headers: { authorization: `Bearer ${token}` } });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid_stream_parameters', issues: [{ path: 'types' }] } });
    });

    it('sends rollups per interval with counts, error rate and percentiles', async () => {
      const c = open('/v1/stream?rollup=1s&types=tools');
      await c.waitFor(() => c.opens === 1, 'open');
      await post(toolEvents(70, 'rolled'));
      await c.waitFor((r) => r.some((x) => x.event === 'rollup' && ((x.data as { types: { tools?: { count: number } } }).types.tools?.count ?? 0) > 0), 'a rollup with tools');
      const rollup = c.received.find((x) => x.event === 'rollup' && (x.data as { types: { tools?: unknown } }).types.tools)?.data as {
        intervalMs: number;
        types: Record<string, { count: number; errorRate: number; p50: number; p95: number; p99: number; costUsd: number }>;
      };
      expect(rollup.intervalMs).toBe(1000);
      expect(Object.keys(rollup.types)).toEqual(['tools']);
      const t = rollup.types.tools as { count: number; errorRate: number; p50: number; p99: number };
      expect(t.count).toBeGreaterThan(0);
      expect(t.errorRate).toBeGreaterThan(0);
      expect(t.p99).toBeGreaterThanOrEqual(t.p50);
      c.close();
    });

    it('disconnects a client that never reads while the others keep receiving everything', async () => {
      const reader = open('/v1/stream?types=tools');
      await reader.waitFor(() => reader.opens === 1, 'open');
      const stalled = await rawStream(svc.url, '/v1/stream?types=tools', token);
      await stalled.waitFor('retry: 2000');
      stalled.socket.pause(); // never reads again: kernel buffers fill, then the server's backlog grows
      const base = latestId();
      const backlog = () => svc.deps.metrics.counter('m1_sse_disconnects_total', '', ['reason']).get({ reason: 'backlog' });
      const before = backlog();
      const big = Array.from({ length: 2000 }, (_, i) => ({ type: 'tools', tool: 'bulk', status: 'ok', durationMs: i, tags: { pad } }));
      let sent = 0;
      for (let round = 0; round < 200 && backlog() === before; round++) {
        await post(big);
        sent += big.length;
      }
      expect(backlog()).toBe(before + 1);
      await post(toolEvents(1, 'last'));
      sent += 1;
      await reader.waitFor((r) => rawIds(r).length >= sent, `all ${sent} events`, 60_000);
      expect(rawIds(reader.received)).toEqual(Array.from({ length: sent }, (_, i) => base + 1 + i));
      const health = await fetch(`${svc.url}/healthz`);
      expect(health.status).toBe(200);
      stalled.socket.destroy();
      reader.close();
    }, 120_000);

    it('closes streams with a final comment on shutdown', async () => {
      const other = await startTestService(env());
      const raw = await rawStream(other.url, '/v1/stream', await other.token());
      await raw.waitFor('retry: 2000');
      const ended = new Promise<void>((resolve) => raw.socket.on('end', () => resolve()));
      await other.close();
      await ended;
      expect(raw.text()).toContain(': server shutting down\n\n');
    });
  });
}
