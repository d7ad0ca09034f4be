// The catalog: every variable of config.md's "Variables" table, in table order. One place only:
// rules, hover, completion, docs/catalog.md and the control service's start check all read this.
import { z } from 'zod';
import { schemaFor } from './schemas';
import { GROUPS, type Group, type Requirement, type VarType, type VariableSpec } from './types';

type Def = Omit<VariableSpec, 'name' | 'group' | 'type' | 'schema' | 'required' | 'rules'> &
  Partial<Pick<VariableSpec, 'required' | 'rules'>>;

function v(group: Group, name: string, type: VarType, def: Def): VariableSpec {
  return { name, group, type, required: { when: 'never' }, rules: [], ...def, schema: schemaFor(type) };
}

const int = (min: number, max: number): VarType => ({ kind: 'int', min, max });
const url = (...schemes: string[]): VarType => ({ kind: 'url', schemes });
/** `host[:port]` (IPv6 in brackets), comma-separated. */
const HOST_PORT = String.raw`(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?`;
const HOST_PORT_LIST = new RegExp(`^\\s*${HOST_PORT}\\s*(?:,\\s*${HOST_PORT}\\s*)*$`);
const always: Requirement = { when: 'always', level: 'error' };
const inProd: Requirement = { when: 'prod', level: 'error' };

const TABLE: VariableSpec[] = [
  // deployment
  v('deployment', 'NODE_ENV', { kind: 'enum', values: ['development', 'test', 'staging', 'production'] }, {
    default: 'development', required: { when: 'always', level: 'warning' }, rules: ['missing-required'],
    description: 'Which environment the service runs as; it also selects the validation profile (staging and production get the strict production checks).',
    checks: 'missing: warning; wrong value: error with a quick fix per allowed value, closest first',
  }),
  v('deployment', 'M1_REGION', { kind: 'region' }, {
    required: { when: 'prod', level: 'info' }, rules: ['missing-required'], example: 'us-east-1',
    description: 'Cloud region this instance runs in, such as us-east-1; it tags analytics events and logs.',
    checks: 'missing in prod: info',
  }),
  v('deployment', 'M1_INSTANCE_ID', { kind: 'pattern', pattern: /^[A-Za-z0-9_.-]{1,64}$/, source: '[A-Za-z0-9_.-]{1,64}' }, {
    example: 'api-1',
    description: 'Identifier of this instance in analytics events and logs.',
  }),
  v('deployment', 'M1_RELEASE', { kind: 'semver' }, {
    example: '1.4.2',
    description: 'Version of the deployed service (semver), reported with events and errors.',
  }),
  v('deployment', 'M1_DATA_DIR', { kind: 'path' }, {
    default: './.m1-ops',
    description: "Directory of the control service's embedded store.",
  }),
  // api
  v('api', 'M1_API_BASE_URL', url('http', 'https'), {
    required: always, rules: ['missing-required', 'insecure-url', 'perf-threshold'], example: 'https://api.example.com',
    description: 'Base URL of the M1 API that clients and the control service call.',
    checks: 'prod: http:// is insecure-url error (fix: https); loopback host in prod: warning; trailing /: info (fix)',
  }),
  v('api', 'PORT', int(1, 65535), {
    default: '3000', rules: ['perf-threshold'],
    thresholds: [{ op: '<', value: 1024, why: 'ports below 1024 need root or CAP_NET_BIND_SERVICE; listen on 1024 or above behind a proxy' }],
    description: 'TCP port the API listens on.',
  }),
  v('api', 'HOST', { kind: 'host' }, {
    default: '0.0.0.0',
    description: 'Interface the API listens on: 0.0.0.0 for every interface, 127.0.0.1 for this machine only.',
  }),
  v('api', 'M1_API_TIMEOUT_MS', int(100, 120000), {
    default: '30000', rules: ['perf-threshold', 'inconsistent'],
    thresholds: [
      { op: '>', value: 60000, why: 'slow requests then hold connections and workers for over a minute; keep it at 60000 or less' },
      { op: '<', value: 1000, why: 'ordinary requests will time out; use at least 1000' },
    ],
    description: 'How long the API waits for a request to complete before it answers with a timeout, in milliseconds.',
  }),
  v('api', 'CORS_ORIGINS', { kind: 'origins' }, {
    rules: ['cors-wildcard'], example: 'https://app.example.com',
    description: 'Browser origins allowed to call the API, comma-separated (https://app.example.com); * allows any web site.',
    checks: '* in prod: error (cors-wildcard)',
  }),
  // security
  v('security', 'JWT_ALGORITHM', { kind: 'enum', values: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'EdDSA'] }, {
    default: 'HS256', rules: ['algorithm-none', 'inconsistent'],
    description: 'Algorithm that signs and verifies access tokens. HS* use JWT_SECRET; RS*, ES* and EdDSA verify with JWT_PUBLIC_KEY or JWKS_URL.',
    checks: 'none: critical (algorithm-none)',
  }),
  v('security', 'JWT_SECRET', { kind: 'secret' }, {
    secret: true, required: { when: 'conditional', condition: 'when JWT_ALGORITHM is HS256, HS384 or HS512 (HS256 is the default)' },
    rules: ['inconsistent', 'placeholder-secret', 'weak-secret', 'reused-secret'],
    description: 'Shared secret that signs and verifies HS* tokens: anyone who knows it can mint valid tokens. Use at least 32 random bytes.',
    checks: 'required when algorithm is HS*; placeholder: critical; under 32 bytes: error (critical in prod); under 256 bits of estimated strength: warning; fix: generate',
  }),
  v('security', 'JWT_PUBLIC_KEY', { kind: 'pem' }, {
    required: { when: 'conditional', condition: 'one of JWT_PUBLIC_KEY / JWKS_URL when JWT_ALGORITHM is not HS*' }, rules: ['inconsistent'],
    description: 'PEM public key (or certificate) that verifies RS*, ES* and EdDSA tokens.',
    checks: 'one of JWT_PUBLIC_KEY / JWKS_URL required when algorithm is not HS*',
  }),
  v('security', 'JWKS_URL', url('https', 'http'), {
    required: { when: 'conditional', condition: 'one of JWT_PUBLIC_KEY / JWKS_URL when JWT_ALGORITHM is not HS*' }, rules: ['inconsistent', 'insecure-url'], example: 'https://auth.example.com/.well-known/jwks.json',
    description: 'URL of the JSON Web Key Set that verifies RS*, ES* and EdDSA tokens; https is required in production.',
    checks: 'http in prod: insecure-url error',
  }),
  v('security', 'JWT_ISSUER', { kind: 'string' }, {
    example: 'https://auth.example.com/',
    description: 'Expected `iss` claim: tokens from another issuer are rejected.',
  }),
  v('security', 'JWT_AUDIENCE', { kind: 'string' }, {
    example: 'm1-api',
    description: 'Expected `aud` claim: tokens for another audience are rejected.',
  }),
  v('security', 'JWT_EXPIRES_IN', { kind: 'duration' }, {
    default: '1h', rules: ['perf-threshold'],
    thresholds: [{ op: '>', value: 86_400_000, shown: '24h', why: 'long-lived tokens outlive revocation retention; keep it at 24h or less' }],
    description: 'Lifetime of issued tokens, such as 15m or 1h.',
  }),
  v('security', 'M1_ADMIN_JWT_SECRET', { kind: 'secret' }, {
    secret: true, required: inProd, rules: ['missing-required', 'placeholder-secret', 'weak-secret', 'reused-secret'],
    description: "Secret that signs admin tokens for the control service (revocation, analytics). It must differ from JWT_SECRET.",
    checks: 'same strength rules as JWT_SECRET; equal to JWT_SECRET: warning (reused-secret)',
  }),
  v('security', 'NODE_TLS_REJECT_UNAUTHORIZED', { kind: 'enum', values: ['0', '1'] }, {
    default: '1', rules: ['tls-disabled'],
    description: "Node.js: 0 turns off TLS certificate verification for every outgoing connection of the process.",
    checks: '0: critical in prod, warning elsewhere (tls-disabled)',
  }),
  v('security', 'DEBUG', { kind: 'debug' }, {
    default: 'false', rules: ['debug-in-production'],
    description: 'Debug output: true/1, or debug namespaces such as m1:*. Verbose output can include request data.',
    checks: 'truthy in prod: error (debug-in-production)',
  }),
  // revocation
  v('revocation', 'TOKEN_REVOCATION_CACHE_TTL_S', int(1, 3600), {
    default: '60', rules: ['perf-threshold'],
    thresholds: [{ op: '>', value: 300, why: 'a revoked token stays usable this long where the answer is cached; keep it at 300 or less' }],
    description: 'How long an instance caches "not revoked" answers, in seconds.',
  }),
  v('revocation', 'TOKEN_REVOCATION_RETENTION_H', int(1, 720), {
    default: '24',
    description: 'How long revocation records are kept, in hours; it should cover the longest token lifetime.',
  }),
  v('revocation', 'TOKEN_REVOCATION_FAIL_OPEN', { kind: 'bool' }, {
    default: 'false', rules: ['fail-open'],
    description: 'When the revocation store cannot be reached: true lets every token through (fail open), false rejects them (fail closed).',
    checks: 'true in prod: critical (fail-open)',
  }),
  // redis
  v('redis', 'REDIS_URL', url('redis', 'rediss'), {
    required: { ...inProd, unless: ['REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] }, secretUrlParts: ['password'], rules: ['missing-required', 'insecure-url', 'default-credentials'],
    example: 'rediss://:PASSWORD@cache.internal:6380',
    description: 'Redis connection URL of the revocation store and caches; rediss:// uses TLS. The password part is a secret.',
    checks: 'prod, non-loopback host: redis:// is insecure-url warning (fix: rediss), no password: warning',
  }),
  v('redis', 'REDIS_CLUSTER_NODES', { kind: 'pattern', pattern: HOST_PORT_LIST, source: 'host:port,host:port,…' }, {
    rules: ['inconsistent'], example: 'redis-0.internal:6379,redis-1.internal:6379,redis-2.internal:6379',
    description: 'Seed nodes of a Redis Cluster (host:port, comma-separated; a few suffice, the rest are discovered). Instead of REDIS_URL or REDIS_SENTINELS.',
    checks: 'with REDIS_URL or REDIS_SENTINELS: error (one topology at a time); prod without REDIS_TLS=true or REDIS_PASSWORD: warning',
  }),
  v('redis', 'REDIS_SENTINELS', { kind: 'pattern', pattern: HOST_PORT_LIST, source: 'host:port,host:port,…' }, {
    rules: ['inconsistent'], example: 'sentinel-0.internal:26379,sentinel-1.internal:26379,sentinel-2.internal:26379',
    description: 'Redis Sentinel addresses (host:port, comma-separated; port 26379 when omitted): they name the current primary of REDIS_SENTINEL_MASTER. Instead of REDIS_URL or REDIS_CLUSTER_NODES.',
    checks: 'without REDIS_SENTINEL_MASTER: error; with another topology: error; prod without REDIS_TLS=true or REDIS_PASSWORD: warning',
  }),
  v('redis', 'REDIS_SENTINEL_MASTER', { kind: 'pattern', pattern: /^[A-Za-z0-9_.-]{1,64}$/, source: '[A-Za-z0-9_.-]{1,64}' }, {
    required: { when: 'conditional', condition: 'when REDIS_SENTINELS is set' }, rules: ['inconsistent'], example: 'mymaster',
    description: 'The name the sentinels monitor the primary under (sentinel monitor <name> …).',
  }),
  v('redis', 'REDIS_USERNAME', { kind: 'string' }, {
    rules: ['inconsistent'], example: 'm1-service',
    description: 'ACL user for cluster nodes or the Sentinel-managed servers (with REDIS_URL, put it in the URL).',
  }),
  v('redis', 'REDIS_PASSWORD', { kind: 'secret' }, {
    secret: true, rules: ['inconsistent'],
    description: 'Password of cluster nodes or of the Sentinel-managed servers (with REDIS_URL, put it in the URL). A secret.',
  }),
  v('redis', 'REDIS_SENTINEL_PASSWORD', { kind: 'secret' }, {
    secret: true, rules: ['inconsistent'],
    description: "Password of the sentinels themselves (their requirepass), if they have one. A secret.",
  }),
  v('redis', 'REDIS_TLS', { kind: 'bool' }, {
    default: 'false', rules: ['inconsistent'],
    description: 'TLS to cluster nodes, or to the sentinels and the servers they name (with REDIS_URL, use rediss:// instead).',
  }),
  v('redis', 'REDIS_REVOCATION_MIN_REPLICAS', int(0, 10), {
    example: '1',
    description: 'Replicas that must hold a revocation (Redis WAIT) before it is acknowledged, so a primary lost right after the answer loses none. Default 1 with a cluster or Sentinel, 0 with REDIS_URL.',
  }),
  v('redis', 'REDIS_KEY_PREFIX', { kind: 'pattern', pattern: /^[A-Za-z0-9:_-]{1,32}$/, source: '[A-Za-z0-9:_-]{1,32}' }, {
    default: 'm1:',
    description: 'Prefix of every Redis key the service writes, so several services can share one Redis.',
  }),
  v('redis', 'REDIS_CONNECT_TIMEOUT_MS', int(100, 30000), {
    default: '5000',
    description: 'How long to wait for a Redis connection, in milliseconds.',
  }),
  v('redis', 'REDIS_COMMAND_TIMEOUT_MS', int(10, 10000), {
    default: '500', rules: ['perf-threshold'],
    thresholds: [{ op: '>', value: 2000, why: 'fail-closed revocation decisions wait this long when Redis is slow; keep it at 2000 or less' }],
    description: 'How long one Redis command may take before it fails, in milliseconds.',
  }),
  // database
  v('database', 'DATABASE_URL', url('postgres', 'postgresql'), {
    required: always, secretUrlParts: ['password'], rules: ['missing-required', 'insecure-url', 'default-credentials'],
    example: 'postgres://m1:PASSWORD@db.internal:5432/m1?sslmode=require',
    description: 'PostgreSQL connection URL (postgres://user:password@host:5432/db?sslmode=require). The password part is a secret.',
    checks: 'prod, non-loopback: no sslmode=require|verify-ca|verify-full: warning; default credentials: error in prod (default-credentials)',
  }),
  v('database', 'DATABASE_POOL_MIN', int(0, 100), {
    default: '2', rules: ['inconsistent'],
    description: 'Connections the pool keeps open even when idle.',
    checks: 'greater than DATABASE_POOL_MAX: error (inconsistent)',
  }),
  v('database', 'DATABASE_POOL_MAX', int(1, 500), {
    default: '10', rules: ['inconsistent', 'perf-threshold'],
    thresholds: [{ op: '>', value: 100, why: 'every connection costs PostgreSQL memory and max_connections is usually 100; keep it at 100 or less, or put a pooler such as PgBouncer in front' }],
    description: 'Most connections the pool opens at once.',
  }),
  v('database', 'DATABASE_STATEMENT_TIMEOUT_MS', int(100, 600000), {
    default: '30000',
    description: 'PostgreSQL statement_timeout for the service\'s queries, in milliseconds.',
  }),
  // performance
  v('performance', 'M1_CACHE_TTL_S', int(0, 86400), {
    default: '300',
    description: 'How long tool results and policy lookups stay cached, in seconds; 0 turns caching off.',
  }),
  v('performance', 'M1_MAX_CONCURRENT_TOOLS', int(1, 256), {
    default: '16', rules: ['perf-threshold'],
    thresholds: [{ op: '>', value: 64, why: 'so many parallel tool calls contend for CPU, memory and connections; keep it at 64 or less and scale out instead' }],
    description: 'Most tool calls one instance runs at the same time.',
  }),
  v('performance', 'M1_RATE_LIMIT_RPM', int(1, 100000), {
    default: '600',
    description: 'Requests per minute one client may make before it is rate-limited.',
  }),
  v('performance', 'M1_SLOW_REQUEST_MS', int(10, 60000), {
    default: '1000', rules: ['inconsistent'],
    description: 'Requests slower than this many milliseconds are logged and counted as slow.',
    checks: 'not below M1_API_TIMEOUT_MS: warning (inconsistent)',
  }),
  v('performance', 'M1_REQUEST_TIMEOUT_MS', int(1000, 600000), {
    default: '30000',
    description: "Control service: a request's headers and body must arrive within this many milliseconds, else the connection is closed (slow senders).",
  }),
  v('performance', 'M1_HEADERS_TIMEOUT_MS', int(1000, 120000), {
    default: '10000',
    description: "Control service: a request's headers must arrive within this many milliseconds.",
  }),
  v('performance', 'M1_KEEP_ALIVE_TIMEOUT_MS', int(100, 600000), {
    default: '5000',
    description: 'Control service: an idle keep-alive connection is closed after this many milliseconds.',
  }),
  v('performance', 'M1_MAX_CONNECTIONS', int(16, 1000000), {
    default: '10000',
    description: 'Control service: open connections at once; more get 503 with Retry-After (lowered to fit the open-file limit).',
  }),
  v('performance', 'M1_MAX_REQUESTS_PER_TOKEN', int(1, 10000), {
    default: '64',
    description: 'Control service: requests in flight at once per token; more get 429 with Retry-After.',
  }),
  v('performance', 'M1_MAX_SSE_STREAMS', int(1, 100000), {
    default: '1000',
    description: 'Control service: live streams (SSE) open at once; more get 503 with Retry-After.',
  }),
  v('performance', 'M1_MAX_SSE_STREAMS_PER_TOKEN', int(1, 10000), {
    default: '16',
    description: 'Control service: live streams (SSE) open at once per token; more get 429 with Retry-After.',
  }),
  // monitoring
  v('monitoring', 'LOG_LEVEL', { kind: 'enum', values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] }, {
    default: 'info', rules: ['perf-threshold'],
    description: 'Least severe log level written.',
    checks: 'trace/debug in prod: warning',
  }),
  v('monitoring', 'M1_ANALYTICS_URL', url('http', 'https'), {
    rules: ['insecure-url'], example: 'https://analytics.example.com',
    description: 'Where analytics events are sent.',
    checks: 'prod: http is insecure-url error',
  }),
  v('monitoring', 'M1_ANALYTICS_BUFFER_SIZE', int(100, 100000), {
    default: '1000',
    description: 'Events buffered in memory before they are sent (or dropped when the analytics endpoint is down).',
  }),
  v('monitoring', 'M1_ANALYTICS_RETENTION_H', int(1, 168), {
    default: '24',
    description: 'How long analytics events are kept, in hours.',
  }),
  v('monitoring', 'M1_ANALYTICS_MAX_TAG_NAMES', int(1, 1024), {
    default: '64',
    description: 'Control service: distinct tag names per event type; events that would add more are refused (400).',
  }),
  v('monitoring', 'M1_ANALYTICS_MAX_TAG_VALUES', int(10, 1000000), {
    default: '10000',
    description: 'Control service: distinct values per tag name; events that would add more are refused (400).',
  }),
  v('monitoring', 'M1_QUERY_TIMEOUT_MS', int(100, 120000), {
    default: '5000',
    description: 'Control service: time budget of one analytics query in milliseconds; a query past it is stopped (503).',
  }),
  v('monitoring', 'M1_ANALYTICS_MEMORY_MB', int(16, 65536), {
    default: '256',
    description: 'Control service: memory budget of the in-memory analytics window in MiB; past it the oldest rows go first and queries say the coverage they really have.',
  }),
  v('monitoring', 'M1_ANALYTICS_DATABASE_URL', url('postgres', 'postgresql'), {
    secretUrlParts: ['password'],
    example: 'postgres://m1:PASSWORD@db.internal:5432/m1?sslmode=require',
    description: 'Control service: PostgreSQL that keeps the analytics history (hourly partitions, per-minute rollups). Unset: history only in memory. The password part is a secret.',
  }),
  v('monitoring', 'M1_ANALYTICS_SPOOL_MB', int(1, 4096), {
    default: '64',
    description: 'Control service: events held while the analytics PostgreSQL is unreachable, in MiB; past it ingestion answers 503 instead of losing acknowledged events.',
  }),
  v('monitoring', 'M1_ANOMALY_Z_THRESHOLD', { kind: 'number', min: 1, max: 10 }, {
    default: '3', rules: ['perf-threshold'],
    thresholds: [{ op: '<', value: 2, why: 'ordinary variation is then flagged as an anomaly (noisy alerts); use 2 or more' }],
    description: 'How many standard deviations from the mean a metric must be to count as an anomaly.',
  }),
  v('monitoring', 'SENTRY_DSN', url('https'), {
    secretUrlParts: ['username'], example: 'https://KEY@o0.ingest.sentry.io/0',
    description: 'Sentry DSN that error reports are sent to; the key before the @ is a secret.',
  }),
];

// Guard the table's own shape at load: a typo in a default must fail every test, not a user.
const TableCheck = z.array(z.object({ name: z.string().regex(/^[A-Z][A-Z0-9_]*$/), group: z.enum(GROUPS), description: z.string().min(10) }));
TableCheck.parse(TABLE);

export const VARIABLES: readonly VariableSpec[] = TABLE;
