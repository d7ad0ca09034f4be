import { afterAll, inject } from 'vitest';
import { apiSuite } from './api-suite';
import { deleteKeys, uniquePrefix } from './redis-keys';

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('api');

apiSuite('redis', () => ({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }));

afterAll(async () => {
  await deleteKeys(redisUrl, prefix);
});
