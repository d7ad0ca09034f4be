// Tools of the attack tests (attacks-*.test.ts): raw sockets that send a request head and then
// dribble (or never send) the body, a /healthz latency probe with percentiles, and a raw SSE reader
// that keeps the whole text (to read the stream's last comment).
import { get, request, type IncomingMessage } from 'node:http';
import { Socket } from 'node:net';

export interface SlowSocket {
  /** Status code of the answer, 0 until (or unless) one arrives. */
  status: number;
  /** Whole answer text so far. */
  text: string;
  /** Resolves when the server (or the bound) closed the socket: ms since open. */
  closed: Promise<number>;
  destroy(): void;
}

/**
 * Opens a socket, writes `head` (request line and headers, CRLF-separated, final blank line included
 * when `complete`), then one body byte every `dribbleMs` (0: none) - the slow client of the issue.
 */
export function slowSocket(port: number, head: string, dribbleMs = 0): SlowSocket {
  const s = new Socket();
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const out: SlowSocket = {
    status: 0,
    text: '',
    closed: new Promise((resolve) => {
      s.on('close', () => {
        clearInterval(timer);
        resolve(Math.round(performance.now() - t0));
      });
    }),
    destroy: () => s.destroy(),
  };
  s.on('data', (d: Buffer) => {
    out.text += d.toString('latin1');
    const m = /^HTTP\/1\.1 (\d{3})/.exec(out.text);
    if (m) out.status = Number(m[1]);
  });
  s.on('error', () => undefined);
  s.connect(port, '127.0.0.1', () => {
    s.write(head);
    if (dribbleMs > 0) {
      timer = setInterval(() => {
        if (!s.destroyed) s.write('x');
      }, dribbleMs);
      timer.unref();
    }
  });
  return out;
}

export interface LatencyStats {
  checks: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function once(url: string, boundMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = get(url, { agent: false, timeout: boundMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - t0 : null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** GET /healthz in a loop (fresh connection each) until stopped; latencies as percentiles. */
export class LatencyProbe {
  private readonly samples: number[] = [];
  private failures = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(base: string, everyMs = 50, boundMs = 10_000) {
    this.loop = (async () => {
      while (this.running) {
        const ms = await once(`${base}/healthz`, boundMs);
        if (ms === null) this.failures++;
        else this.samples.push(ms);
        if (this.running) await new Promise((r) => setTimeout(r, everyMs)); // pacing, not synchronisation
      }
    })();
  }

  async stop(): Promise<LatencyStats> {
    this.running = false;
    await this.loop;
    const s = [...this.samples].sort((a, b) => a - b);
    const at = (p: number): number => Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10;
    return { checks: s.length + this.failures, failures: this.failures, p50Ms: at(50), p99Ms: at(99), maxMs: at(100) };
  }
}

export interface RawStream {
  status: Promise<number>;
  headers: Promise<IncomingMessage['headers']>;
  text(): string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openStream(url: string, token: string): RawStream {
  let text = '';
  let res!: (m: IncomingMessage) => void;
  let endedRes!: () => void;
  const got = new Promise<IncomingMessage>((r) => (res = r));
  const ended = new Promise<void>((r) => (endedRes = r));
  const req = request(url, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (m) => {
    m.setEncoding('utf8');
    m.on('data', (c: string) => (text += c));
    m.on('end', endedRes);
    m.on('error', endedRes);
    res(m);
  });
  req.on('error', endedRes);
  req.end();
  return {
    status: got.then((m) => m.statusCode ?? 0),
    headers: got.then((m) => m.headers),
    text: () => text,
    ended,
    close: () => req.destroy(),
  };
}
