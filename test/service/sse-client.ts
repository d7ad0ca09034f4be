// A test client for the live stream on the real `eventsource` package (v4): the admin token goes in a
// header through its `fetch` option, and the response body can be cut on demand to make the client
// reconnect by itself (with Last-Event-ID) the way it would after a network failure.
import { EventSource } from 'eventsource';

export interface Received {
  event: string;
  id: string;
  data: unknown;
}

const NAMES = ['cache', 'policy', 'tools', 'costs', 'errors', 'health', 'rollup', 'anomaly', 'reset'];

export interface StreamClient {
  es: EventSource;
  received: Received[];
  opens: number;
  /** Resolves once `pred(received)` holds; rejects after `ms` with what was received (a deadline, not a sleep). */
  waitFor(pred: (r: Received[]) => boolean, what: string, ms?: number): Promise<void>;
  /** Errors the current response body: the client sees a network failure and reconnects. */
  cut(): void;
  close(): void;
}

export function openStream(url: string, token: string | null, extraHeaders: Record<string, string> = {}): StreamClient {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  let cutCurrent: (() => void) | null = null;
  const es = new EventSource(url, {
    fetch: async (input, init) => {
      const res = await fetch(input, {
        ...init,
        headers: { ...init.headers, ...extraHeaders, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
      if (!res.body) return res;
      let ctl: TransformStreamDefaultController<Uint8Array> | null = null;
      const t = new TransformStream<Uint8Array, Uint8Array>({
        start(c) {
          ctl = c;
        },
      });
      cutCurrent = () => ctl?.error(new Error('cut by test'));
      void res.body.pipeTo(t.writable).catch(() => undefined);
      return new Response(t.readable, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
  });
  const client: StreamClient = {
    es,
    received,
    opens: 0,
    waitFor(pred, what, ms = 15_000) {
      if (pred(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred(received)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; received ${received.length}: ${JSON.stringify(received.slice(-5))}`));
        }, ms);
        waiters.add(check);
      });
    },
    cut() {
      cutCurrent?.();
    },
    close() {
      es.close();
    },
  };
  es.addEventListener('open', () => {
    client.opens++;
    for (const w of [...waiters]) w();
  });
  for (const name of NAMES) {
    es.addEventListener(name, (m: MessageEvent<string>) => {
      received.push({ event: name, id: m.lastEventId, data: JSON.parse(m.data) as unknown });
      for (const w of [...waiters]) w();
    });
  }
  return client;
}

/** Ids of the raw events received, in order. */
export function rawIds(r: Received[]): number[] {
  return r.filter((x) => !['rollup', 'anomaly', 'reset'].includes(x.event)).map((x) => Number(x.id));
}
