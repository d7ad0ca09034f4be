// The cause of a failed connection is named for every failure kind (refused, reset, timeout, DNS,
// TLS, HTTP status) on every HTTP target, for http:// and https:// alike, including the ports that
// fetch refuses to use (it answered "bad port", which the checks showed as "unexpected error").
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnectivity } from '../../server/src/connectivity/index';
import { freePort } from '../support/ports';
import { contextFor } from './context';
import { startHttp, type TestHttpServer } from './http-server';

const HTTP_KEYS = ['M1_API_BASE_URL', 'M1_ANALYTICS_URL', 'JWKS_URL'] as const;

async function messageFor(key: string, url: string, timeoutMs = 3000): Promise<string> {
  const findings = await checkConnectivity(contextFor({ [key]: url }), { timeoutMs });
  expect(findings).toHaveLength(1);
  return findings[0]?.message ?? '';
}

/** A port the Fetch standard blocks ("bad port") that this machine lets us listen on. */
async function blockedPortServer(): Promise<{ server: Server; port: number }> {
  for (const port of [10080, 6666, 6667, 6668, 6669, 6665, 6000]) {
    const server = createServer((req, res) => res.writeHead(req.url?.endsWith('/healthz') ? 200 : 404).end('{"keys":[{"kty":"oct"}]}'));
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, port };
  }
  throw new Error('none of the ports fetch blocks is free on this machine');
}

describe('connectivity causes on every HTTP target', () => {
  it.each(HTTP_KEYS.flatMap((k) => [[k, 'http'], [k, 'https']] as const))('%s over %s: a closed port is "connection refused"', async (key, scheme) => {
    const port = await freePort();
    const message = await messageFor(key, `${scheme}://127.0.0.1:${port}/`);
    expect(message).toMatch(/is unreachable: connection refused\./);
  });

  it('reaches a server on a port fetch blocks, and names "refused" once it is closed (https://127.0.0.1:9 said "unexpected error")', async () => {
    const { server, port } = await blockedPortServer();
    try {
      expect(await checkConnectivity(contextFor({ M1_API_BASE_URL: `http://127.0.0.1:${port}` }))).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    for (const key of HTTP_KEYS) expect(await messageFor(key, `https://127.0.0.1:${port}/`)).toMatch(/connection refused/);
  });

  describe('against loopback servers', () => {
    let failing: TestHttpServer;
    let moved: TestHttpServer;
    let reset: ReturnType<typeof createTcpServer>;
    let resetPort = 0;
    beforeAll(async () => {
      failing = await startHttp((_req, res) => res.writeHead(502).end('bad gateway'));
      moved = await startHttp((req, res) => {
        if (req.url === '/v1/healthz') res.writeHead(302, { location: '/v2/healthz' }).end();
        else res.writeHead(req.url === '/v2/healthz' ? 200 : 404).end();
      });
      reset = createTcpServer((socket) => socket.resetAndDestroy());
      await new Promise<void>((resolve) => reset.listen(0, '127.0.0.1', resolve));
      resetPort = (reset.address() as { port: number }).port;
    });
    afterAll(async () => {
      await Promise.all([failing.close(), moved.close(), new Promise<void>((resolve) => reset.close(() => resolve()))]);
    });

    it.each(HTTP_KEYS)('%s: an HTTP error status is named with the status', async (key) => {
      expect(await messageFor(key, `${failing.url}/`)).toMatch(/answered HTTP 502/);
    });

    it.each(HTTP_KEYS)('%s: a connection the server resets is named', async (key) => {
      expect(await messageFor(key, `http://127.0.0.1:${resetPort}/`)).toMatch(/the connection was closed by the server/);
    });

    it.each(HTTP_KEYS)('%s: an .invalid host is a DNS failure', async (key) => {
      expect(await messageFor(key, 'https://m1-ops-test.invalid/')).toMatch(/DNS lookup of m1-ops-test\.invalid failed/);
    });

    it('follows redirects as fetch did', async () => {
      expect(await checkConnectivity(contextFor({ M1_API_BASE_URL: `${moved.url}/v1` }))).toEqual([]);
    });
  });
});
