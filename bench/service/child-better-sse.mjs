// The peer for the fan-out benchmark: the same fan-out through better-sse (a Channel of Sessions) on a
// plain node:http server. POST /v1/events takes the same bodies ({"events": [...]}) with JSON.parse and no
// validation, numbers them and broadcasts each with its id and type; GET /v1/stream registers a session.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { createChannel, createSession } from 'better-sse';

const channel = createChannel();
let seq = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/v1/stream')) {
    createSession(req, res, { keepAlive: 15_000, retry: 2000 }).then(
      (session) => channel.register(session),
      () => res.destroy(),
    );
    return;
  }
  if (req.method === 'POST' && req.url === '/v1/events') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const list = Array.isArray(body.events) ? body.events : [body];
      for (const e of list) {
        seq++;
        channel.broadcast({ id: String(seq), ...e }, e.type, { eventId: String(seq) });
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: list.length }));
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port, token: 'none' }) + '\n');
});
process.on('message', (m) => {
  if (m === 'mem') {
    globalThis.gc?.();
    process.send?.({ mem: process.memoryUsage(), clients: channel.sessionCount });
  }
});
