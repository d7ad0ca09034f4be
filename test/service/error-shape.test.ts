// One error shape for every status, including the ones Node's parser and fastify's router make
// before a handler exists (raw sockets, since fetch will not send these requests).
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './harness';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await svc.close();
});

/** Sends raw bytes; resolves with status, headers text and body once the server closes or answers fully. */
function raw(bytes: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no complete answer: ${got}`));
    }, 10_000);
    const done = (): void => {
      clearTimeout(timer);
      s.destroy();
      const [head = '', body = ''] = got.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    };
    s.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const len = /\r\ncontent-length: (\d+)/i.exec(got);
      const at = got.indexOf('\r\n\r\n');
      if (len && at >= 0 && got.length - at - 4 >= Number(len[1])) done();
    });
    s.on('close', done);
    s.on('error', () => undefined);
    s.connect(Number(new URL(svc.url).port), '127.0.0.1', () => s.write(bytes));
  });
}

describe('the error shape for every status', () => {
  it.each([
    ['431 headers too large', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['400 malformed request line', 'GARBAGE\r\n\r\n', 400, 'bad_request'],
    ['400 a bad Content-Length', 'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'bad_request'],
    ['401 before the body of a POST, and the connection closed', 'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', 401, 'unauthorized'],
    ['405 before the body of a POST, and the connection closed', 'POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', 405, 'method_not_allowed'],
    ['404 before the body of a POST, and the connection closed', 'POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', 404, 'not_found'],
  ])('%s', async (_name, bytes, status, code) => {
    const r = await raw(bytes);
    expect(r.status).toBe(status);
    expect(r.head).toMatch(/\r\ncontent-type: application\/json/i);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code, message: expect.any(String) as string, issues: [] } });
    if (status >= 401 && status <= 405) expect(r.head).toMatch(/\r\nconnection: close/i);
  });

  it('an answer sent before the body was read closes the connection (a GET with a slow body)', async () => {
    const r = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{');
    expect(r.status).toBe(200);
    expect(r.head).toMatch(/\r\nconnection: close/i);
  });

  it('a bad percent-encoding in the path is a 400 in the shape, not fastify\'s', async () => {
    const r = await raw('GET /v1/tokens/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: expect.any(String) as string, message: expect.any(String) as string, issues: expect.any(Array) as unknown[] } });
  });
});
