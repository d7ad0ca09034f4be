// Runs once per `vitest run`: finds the services the suite needs and hands their URLs to the
// tests through `inject()`. Redis: REDIS_URL when it answers, else a redis-server from PATH on a
// free port, else the run fails saying how to get one. PostgreSQL: TEST_DATABASE_URL (tests that
// need it skip without it, unless M1_REQUIRE_SERVICES=1). It also builds dist/ once, before any
// test file starts: tests that run the binaries use dist/ and never bundle product code themselves.
import type { TestProject } from 'vitest/node';
import { buildAll } from '../../scripts/build.mjs';
import { redisAnswers, startRedisServer, type RedisProcess } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    databaseUrl: string | null;
    requireServices: boolean;
  }
}

let own: RedisProcess | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildAll();
  const requireServices = process.env.M1_REQUIRE_SERVICES === '1';
  let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const u = new URL(redisUrl);
  if (!(await redisAnswers(u.hostname, Number(u.port || 6379)))) {
    try {
      own = await startRedisServer();
      redisUrl = own.url;
    } catch (e) {
      throw new Error(
        `The test suite needs Redis: none answers at ${redisUrl} and no redis-server could be started ` +
          `(${(e as Error).message}). Set REDIS_URL, or install Redis (apt-get install redis-server).`,
      );
    }
  }
  const databaseUrl = process.env.TEST_DATABASE_URL ?? null;
  if (requireServices && !databaseUrl) {
    throw new Error('M1_REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  }
  project.provide('redisUrl', redisUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('requireServices', requireServices);
  return async () => {
    await own?.stop();
  };
}
