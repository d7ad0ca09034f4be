import { afterAll, inject } from 'vitest';
import { deleteKeys, uniquePrefix } from './redis-keys';
import { streamSuite } from './stream-suite';

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('stream');

streamSuite('redis', () => ({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }));

afterAll(async () => {
  await deleteKeys(redisUrl, prefix);
});
