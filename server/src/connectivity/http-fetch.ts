// GET with the check's signal, for the health and JWKS checks. fetch refuses URLs that carry
// credentials, so user info moves into a Basic Authorization header, as a browser would send it.

export interface Fetched {
  status: number;
  /** The body, read up to `maxBytes` (null when the body was not wanted or is larger). */
  body: string | null;
}

export async function get(url: URL, signal: AbortSignal, opts: { accept: string; readBody: boolean; maxBytes?: number }): Promise<Fetched> {
  const target = new URL(url.href);
  const headers: Record<string, string> = { accept: opts.accept, 'user-agent': 'm1-ops-connectivity' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const res = await fetch(target, { signal, headers, redirect: 'follow' });
  if (!opts.readBody) {
    await res.body?.cancel(); // frees the connection; the status is all we need
    return { status: res.status, body: null };
  }
  return { status: res.status, body: await readCapped(res, opts.maxBytes ?? 1024 * 1024) };
}

async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
