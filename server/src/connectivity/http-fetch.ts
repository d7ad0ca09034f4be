// GET with the check's signal, for the health and JWKS checks, over node:http/node:https rather than
// fetch: fetch refuses the ports the Fetch standard blocks (9, 6000, 6665-6669, 10080, ...) with a
// bare "bad port" that names no cause, and hides connection errors behind "fetch failed". User info
// moves into a Basic Authorization header, as a browser would send it, and is never forwarded to
// another origin on a redirect.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Fetched {
  status: number;
  /** The body, read up to `maxBytes` (null when the body was not wanted or is larger). */
  body: string | null;
}

const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export async function get(url: URL, signal: AbortSignal, opts: { accept: string; readBody: boolean; maxBytes?: number }): Promise<Fetched> {
  let target = new URL(url.href);
  const headers: OutgoingHttpHeaders = { accept: opts.accept, 'user-agent': 'm1-ops-connectivity' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await send(target, headers, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECT.has(status) && location) {
      res.resume();
      const next = new URL(location, target);
      if (next.origin !== target.origin) delete headers.authorization;
      target = next;
      continue;
    }
    if (!opts.readBody) {
      res.resume(); // the status is all we need; drain so the socket closes cleanly
      return { status, body: null };
    }
    return { status, body: await readCapped(res, opts.maxBytes ?? 1024 * 1024) };
  }
  throw codedError(`more than ${MAX_REDIRECTS} redirects`, 'ERR_TOO_MANY_REDIRECTS');
}

function send(url: URL, headers: OutgoingHttpHeaders, signal: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(codedError('redirected away from HTTP', 'ERR_UNSUPPORTED_PROTOCOL'));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // The signal's reason (the check's TimeoutError) becomes the error's cause: classify() names it.
    const req = request(url, { method: 'GET', headers, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readCapped(res: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      res.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
