// Child process for the service-level kill -9 test: the real service (createDeps + buildApp, the
// code `m1-ops serve` runs) on the embedded store, on 127.0.0.1:0; prints `listening <url>`.
import { buildApp } from '../../service/src/app';
import { loadConfig } from '../../service/src/config';
import { createDeps } from '../../service/src/deps';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1' });
  const deps = await createDeps(config);
  const app = await buildApp(config, deps);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
