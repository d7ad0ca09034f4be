// HTTP to a service under test, every request bounded (a hang is a failure, reported as such),
// and a raw-socket request for bytes fetch refuses to send (control characters in headers).
import { Socket } from 'node:net';

export interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

export const REQUEST_BOUND_MS = 20_000;

export async function send(
  method: string,
  url: string,
  o: { token?: string | null; body?: string | Uint8Array<ArrayBuffer>; contentType?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
  const res = await fetch(url, { method, headers, body: o.body, signal: AbortSignal.timeout(o.timeoutMs ?? REQUEST_BOUND_MS) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The status of a GET whose body is not read (a live stream never ends); the body is cancelled. */
export async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), REQUEST_BOUND_MS);
  try {
    const res = await fetch(url, { headers, signal: ctl.signal });
    await res.body?.cancel();
    return res.status;
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
}

export function postJson(url: string, body: unknown, token: string | null): Promise<Reply> {
  return send('POST', url, { token, body: JSON.stringify(body) });
}

export function json<T>(r: Reply): T {
  return JSON.parse(r.text) as T;
}

/** GET /healthz answers 200 (within the bound). */
export async function healthy(base: string): Promise<boolean> {
  try {
    return (await send('GET', `${base}/healthz`, { timeoutMs: 10_000 })).status === 200;
  } catch {
    return false;
  }
}

/**
 * Writes `head` (request line and headers, CRLF-separated, without the final blank line) and
 * `body` on a raw socket; resolves with the status code once the status line arrived (the rest is
 * not read: SSE responses never end). Rejects after `ms`.
 */
export function rawStatus(port: number, head: Buffer, body: Buffer = Buffer.alloc(0), ms = REQUEST_BOUND_MS): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no status line within ${ms} ms`));
    }, ms);
    const finish = (status: number): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(status);
    };
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) finish(Number(m[1]));
    });
    // A connection closed without any answer: 0 (the caller decides whether that is acceptable).
    s.on('close', () => finish(0));
    s.on('error', () => undefined);
    s.connect(port, '127.0.0.1', () => {
      s.write(Buffer.concat([head, Buffer.from(`\r\ncontent-length: ${body.length}\r\n\r\n`), body]));
    });
  });
}
