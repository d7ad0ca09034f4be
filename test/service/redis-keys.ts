// A unique Redis key prefix per test file (REDIS_KEY_PREFIX allows 32 characters) and its clean-up.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export function uniquePrefix(tag: string): string {
  return `t:${tag.slice(0, 12)}:${randomBytes(5).toString('hex')}:`;
}

export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const r = new Redis(redisUrl, { lazyConnect: true });
  await r.connect();
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await r.del(...keys);
  } while (cursor !== '0');
  await r.quit();
}
