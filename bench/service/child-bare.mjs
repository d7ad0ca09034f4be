// Reference ceiling for the ingestion benchmark: fastify with its default JSON parser and a route that
// only counts the events (no auth, no validation, no storage). What HTTP + JSON alone cost here.
import { createRequire } from 'node:module';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
const Fastify = require('fastify');
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
let n = 0;
app.post('/v1/events', async (request, reply) => {
  const body = request.body;
  const k = Array.isArray(body.events) ? body.events.length : 1;
  n += k;
  return reply.code(202).send({ accepted: k });
});
const addr = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ port: Number(new URL(addr).port), token: 'none' }) + '\n');
process.on('message', (m) => {
  if (m === 'mem') process.send?.({ mem: process.memoryUsage(), clients: n });
});
