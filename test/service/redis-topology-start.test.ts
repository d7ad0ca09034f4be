// Start-up against a Redis topology that does not answer: the service refuses to start within a
// bound (REDIS_CONNECT_TIMEOUT_MS × 2), saying Redis cannot be reached, instead of waiting forever
// (ioredis keeps asking Sentinel's sentinels forever by itself).
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { startTestService } from './harness';

async function startError(env: Record<string, string>): Promise<Error | null> {
  return startTestService({ REDIS_CONNECT_TIMEOUT_MS: '500', ...env }).then(
    async (svc) => {
      await svc.close();
      return null;
    },
    (e: unknown) => e as Error,
  );
}

describe('start-up with an unreachable topology', () => {
  it('a cluster whose seed nodes refuse: StoreUnavailableError', async () => {
    const e = await startError({ REDIS_CLUSTER_NODES: `127.0.0.1:${await freePort()}` });
    expect(e).toMatchObject({ name: 'StoreUnavailableError' });
    expect(e?.message).toMatch(/^cannot reach Redis/);
  });

  it('sentinels that refuse: StoreUnavailableError, not a hang', async () => {
    const e = await startError({ REDIS_SENTINELS: `127.0.0.1:${await freePort()}`, REDIS_SENTINEL_MASTER: 'm', REDIS_PASSWORD: 'never-printed-pw' });
    expect(e).toMatchObject({ name: 'StoreUnavailableError' });
    expect(e?.message).toMatch(/^cannot reach Redis: .*sentinels/i);
    expect(e?.message).not.toContain('never-printed-pw');
  });
});
