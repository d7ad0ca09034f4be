// Hand-made catalog entries for the services' unit tests.
import { catalogFrom, type VariableInfo } from './catalog';

export const NODE_ENV: VariableInfo = {
  key: 'NODE_ENV',
  group: 'deployment',
  description: 'Which kind of deployment this is.',
  type: 'enum',
  defaultValue: 'development',
  allowed: ['development', 'test', 'staging', 'production'],
  secret: false,
  requirement: 'optional',
  rules: ['invalid-value'],
};
export const PORT: VariableInfo = {
  key: 'PORT',
  group: 'api',
  description: 'Port the API listens on.',
  type: 'int 1–65535',
  defaultValue: '3000',
  secret: false,
  requirement: 'optional',
  rules: ['invalid-value', 'out-of-range'],
};
export const JWT_SECRET: VariableInfo = {
  key: 'JWT_SECRET',
  group: 'security',
  description: 'HMAC secret that signs tokens.',
  type: 'secret',
  secret: true,
  requirement: 'required when JWT_ALGORITHM is HS*',
  rules: ['placeholder-secret', 'weak-secret'],
};
export const REDIS_URL: VariableInfo = {
  key: 'REDIS_URL',
  group: 'redis',
  description: 'Redis for revocations and events.',
  type: 'url (redis, rediss)',
  secret: false,
  urlCredentials: { username: false },
  requirement: 'required in staging and production',
  rules: ['insecure-url'],
};
export const DEBUG: VariableInfo = {
  key: 'DEBUG',
  group: 'security',
  description: 'Debug output.',
  type: 'bool',
  defaultValue: 'false',
  allowed: ['true', 'false', '1', '0'],
  secret: false,
  requirement: 'optional',
  rules: ['debug-in-production'],
};

export const testCatalog = catalogFrom([NODE_ENV, PORT, JWT_SECRET, DEBUG, REDIS_URL]);
