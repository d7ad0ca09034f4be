// Live-stream clients for load: plain HTTP/1.1 GETs on their own sockets with a minimal SSE parser
// that keeps counters, not frames (a thousand of them fit in the test process). Each checks as it
// goes that raw ids follow each other (+1: exactly once, in order) from its first id on.
import { request, type ClientRequest } from 'node:http';
import { Socket } from 'node:net';
import type { Waiters } from './waiters';

export class CountingStream {
  events = 0;
  firstId = -1;
  lastId = -1;
  /** Ids that did not follow the previous one (a gap, a duplicate, a step back). */
  outOfOrder = 0;
  resets = 0;
  bytes = 0;
  status = 0;
  ended = false;
  error: string | null = null;
  private buf = '';
  private readonly req: ClientRequest;

  constructor(
    url: string,
    token: string,
    private readonly waiters: Waiters,
    headers: Record<string, string> = {},
  ) {
    this.req = request(url, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers } }, (res) => {
      this.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.take(chunk));
      res.on('end', () => this.finish(null));
      res.on('error', (e) => this.finish(e.message));
      this.waiters.notify();
    });
    this.req.on('error', (e) => this.finish(e.message));
    this.req.end();
  }

  private finish(error: string | null): void {
    this.ended = true;
    this.error ??= error;
    this.waiters.notify();
  }

  private take(chunk: string): void {
    this.bytes += chunk.length;
    this.buf += chunk;
    let end = this.buf.indexOf('\n\n');
    if (end < 0) return;
    let start = 0;
    while (end >= 0) {
      this.frame(this.buf.slice(start, end));
      start = end + 2;
      end = this.buf.indexOf('\n\n', start);
    }
    this.buf = this.buf.slice(start);
    this.waiters.notify();
  }

  private frame(f: string): void {
    if (f.startsWith('id: ')) {
      const id = Number(f.slice(4, f.indexOf('\n')));
      if (this.lastId >= 0 && id !== this.lastId + 1) this.outOfOrder++;
      if (this.firstId < 0) this.firstId = id;
      this.lastId = id;
      this.events++;
    } else if (f.startsWith('event: reset')) {
      this.resets++;
    }
  }

  close(): void {
    this.req.destroy();
  }
}

/**
 * A client that sends the request and then never reads: its socket is paused from the start, so
 * the kernel buffers fill and the service's backlog grows until it cuts the client.
 */
export class StalledStream {
  readonly socket = new Socket();
  closed = false;

  constructor(port: number, token: string, path: string) {
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => (this.closed = true));
    this.socket.connect(port, '127.0.0.1', () => {
      this.socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\naccept: text/event-stream\r\n\r\n`);
      this.socket.pause();
    });
  }

  /** Reads what is buffered; resolves when the connection is over (the service cut it). */
  drainUntilClosed(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve();
      const timer = setTimeout(() => reject(new Error(`stalled client still connected after ${ms} ms`)), ms);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.on('data', () => undefined);
      this.socket.resume();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}
