// Several `m1-ops serve` processes on one Redis, as behind a load balancer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServeProcess, MANY_CLIENTS_ONE_TOKEN, TEST_SECRET } from './serve';

export interface ClusterOptions {
  cli: string;
  redisUrl: string;
  prefix: string;
  size: number;
  env?: Record<string, string>;
}

export function instanceEnv(o: ClusterOptions, i: number): Record<string, string> {
  return {
    REDIS_URL: o.redisUrl,
    REDIS_KEY_PREFIX: o.prefix,
    M1_ADMIN_JWT_SECRET: TEST_SECRET,
    M1_INSTANCE_ID: `inst-${i}`,
    M1_DATA_DIR: mkdtempSync(join(tmpdir(), 'm1-rel-data-')),
    LOG_LEVEL: 'warn',
    ...MANY_CLIENTS_ONE_TOKEN,
    ...(o.env ?? {}),
  };
}

export async function startCluster(o: ClusterOptions): Promise<ServeProcess[]> {
  return Promise.all(Array.from({ length: o.size }, (_, i) => ServeProcess.start(o.cli, { env: instanceEnv(o, i), label: `inst-${i}` })));
}
