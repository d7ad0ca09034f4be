// A benchmark child process: the M1 control service (embedded store) on 127.0.0.1:0, built from the
// bundle given as argv[2]. Prints {"port", "token"} on stdout; answers IPC "mem" with its memory after GC.
import { createRequire } from 'node:module';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
const mod = require(process.argv[2]);
const secret = 'bench-admin-secret-0123456789abcdef0123456789';
const config = mod.loadConfig({ M1_ADMIN_JWT_SECRET: secret, LOG_LEVEL: 'warn', M1_ANALYTICS_BUFFER_SIZE: '1000', M1_MAX_SSE_STREAMS: '100000', M1_MAX_SSE_STREAMS_PER_TOKEN: '10000' }, { port: 0, host: '127.0.0.1' });
const deps = await mod.createDeps(config);
const app = await mod.buildApp(config, deps);
const addr = await app.listen({ port: 0, host: '127.0.0.1' });
const token = await mod.signAdminToken(secret, { sub: 'bench', scopes: mod.SCOPES, ttlS: 3600 });
process.stdout.write(JSON.stringify({ port: Number(new URL(addr).port), token }) + '\n');
process.on('message', (m) => {
  if (m === 'mem') {
    globalThis.gc?.();
    process.send?.({ mem: process.memoryUsage(), clients: deps.hub.size });
  }
});
