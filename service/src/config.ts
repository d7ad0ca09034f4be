// The control service's configuration, parsed with zod from the environment (plus CLI overrides).
//
// STABLE INTERFACE (used by the revocation work):
//   loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>, overrides?: ConfigOverrides): ServiceConfig
//     throws ConfigError (with `.issues`, names only: never a secret's value) when a variable does not parse.
//   type ServiceConfig   (camelCase fields below; durations in ms unless the name says otherwise)
//
// The validator (server/src/engine) judges the same variables at start with profile-aware rules; this
// module only turns them into typed values with the catalog's defaults and ranges, so the service
// never reads process.env anywhere else.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { topologyFromEnv } from './redis/from-env';
import type { RedisTopology } from './redis/topology';

const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Empty strings count as unset, as in a `.env` file with `KEY=`. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const int = (min: number, max: number, dflt: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(dflt));
const num = (min: number, max: number, dflt: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max).default(dflt));
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const bool = (dflt: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0'])
      .default(dflt ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  );
const url = (schemes: string[]) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          return schemes.includes(new URL(v).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      }, `must be an absolute URL with scheme ${schemes.join(' or ')}`)
      .optional(),
  );

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'test', 'staging', 'production']).default('development')),
  PORT: int(0, 65535, 3000),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  REDIS_URL: url(['redis', 'rediss']),
  REDIS_CLUSTER_NODES: optionalString,
  REDIS_SENTINELS: optionalString,
  REDIS_SENTINEL_MASTER: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional()),
  REDIS_USERNAME: optionalString,
  REDIS_PASSWORD: optionalString,
  REDIS_SENTINEL_PASSWORD: optionalString,
  REDIS_TLS: bool(false),
  REDIS_REVOCATION_MIN_REPLICAS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10).optional()),
  REDIS_KEY_PREFIX: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9:_-]{1,32}$/).default('m1:')),
  REDIS_CONNECT_TIMEOUT_MS: int(100, 30000, 5000),
  REDIS_COMMAND_TIMEOUT_MS: int(10, 10000, 500),
  M1_ADMIN_JWT_SECRET: optionalString,
  JWT_ALGORITHM: z.preprocess(blankToUndefined, z.enum(JWT_ALGORITHMS).default('HS256')),
  JWKS_URL: url(['https', 'http']),
  JWT_ISSUER: optionalString,
  JWT_AUDIENCE: optionalString,
  M1_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./.m1-ops')),
  M1_ANALYTICS_BUFFER_SIZE: int(100, 100000, 1000),
  M1_ANALYTICS_RETENTION_H: int(1, 168, 24),
  M1_ANOMALY_Z_THRESHOLD: num(1, 10, 3),
  TOKEN_REVOCATION_CACHE_TTL_S: int(1, 3600, 60),
  TOKEN_REVOCATION_RETENTION_H: int(1, 720, 24),
  TOKEN_REVOCATION_FAIL_OPEN: bool(false),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('info')),
  M1_INSTANCE_ID: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional()),
  // The application's key configuration: introspection verifies application tokens with it.
  JWT_SECRET: optionalString,
  JWT_PUBLIC_KEY: optionalString,
  // Limits (service.md "Limits"); every one has a default that holds on a small VM.
  M1_REQUEST_TIMEOUT_MS: int(1000, 600000, 30000),
  M1_HEADERS_TIMEOUT_MS: int(1000, 120000, 10000),
  M1_KEEP_ALIVE_TIMEOUT_MS: int(100, 600000, 5000),
  M1_MAX_CONNECTIONS: int(16, 1000000, 10000),
  M1_MAX_REQUESTS_PER_TOKEN: int(1, 10000, 64),
  M1_MAX_SSE_STREAMS: int(1, 100000, 1000),
  M1_MAX_SSE_STREAMS_PER_TOKEN: int(1, 10000, 16),
  M1_ANALYTICS_MAX_TAG_NAMES: int(1, 1024, 64),
  M1_ANALYTICS_MAX_TAG_VALUES: int(10, 1000000, 10000),
  M1_QUERY_TIMEOUT_MS: int(100, 120000, 5000),
  // Analytics history (issue 13): the in-memory window's budget, the PostgreSQL history, its spool.
  M1_ANALYTICS_MEMORY_MB: int(16, 65536, 256),
  M1_ANALYTICS_DATABASE_URL: url(['postgres', 'postgresql']),
  M1_ANALYTICS_SPOOL_MB: int(1, 4096, 64),
});

/** The variables the service reads: the start-up check judges exactly these. */
export const SERVICE_ENV_KEYS: readonly string[] = Object.keys(EnvSchema.shape);

export interface ServiceConfig {
  nodeEnv: 'development' | 'test' | 'staging' | 'production';
  port: number;
  host: string;
  /** REDIS_URL when the topology is standalone, else null (kept for callers that only speak URLs). */
  redisUrl: string | null;
  /** `null`: the embedded store (one instance). */
  redis: RedisTopology | null;
  /** Replicas that must hold a revocation before it is acknowledged (default: 1 on a cluster or
   * Sentinel, 0 standalone). */
  redisRevocationMinReplicas: number;
  redisKeyPrefix: string;
  redisConnectTimeoutMs: number;
  redisCommandTimeoutMs: number;
  auth: {
    /** HS256 key for admin tokens; `null` when only JWKS (or nothing) is configured. */
    adminSecret: string | null;
    /** The algorithm the JWKS keys are used with (JWT_ALGORITHM when asymmetric, else RS256). */
    jwksAlgorithm: JwtAlgorithm;
    jwksUrl: string | null;
    issuer: string | null;
    audience: string | null;
  };
  /** The M1 application's token keys (config.md "security"): introspection verifies application tokens with them. */
  appAuth: {
    algorithm: JwtAlgorithm;
    secret: string | null;
    publicKey: string | null;
    jwksUrl: string | null;
    issuer: string | null;
    audience: string | null;
  };
  limits: {
    /** Whole request (headers and body) must arrive within this (Node's requestTimeout). */
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    /** Open sockets at once; the next ones get 503 + Retry-After. Lowered to fit the open-file limit. */
    maxConnections: number;
    /** Requests in flight per token (429 + Retry-After past it). */
    maxRequestsPerToken: number;
    maxSseStreams: number;
    maxSseStreamsPerToken: number;
  };
  dataDir: string;
  analytics: {
    bufferSize: number;
    retentionMs: number;
    anomalyZThreshold: number;
    /** Distinct tag names per event type, and distinct values per tag name (400 past them). */
    maxTagNames: number;
    maxTagValues: number;
    /** Time budget of one query (M1_QUERY_TIMEOUT_MS). */
    queryTimeoutMs: number;
    /** M1_ANALYTICS_MEMORY_MB in bytes: the in-memory window's budget. */
    memoryBudgetBytes: number;
    /** M1_ANALYTICS_DATABASE_URL: the PostgreSQL history; null = memory only. A secret (password). */
    databaseUrl: string | null;
    /** M1_ANALYTICS_SPOOL_MB in bytes: events held while that database is unreachable. */
    spoolBytes: number;
  };
  revocation: {
    cacheTtlS: number;
    retentionH: number;
    failOpen: boolean;
  };
  logLevel: LogLevel;
  instanceId: string | null;
  /** `--dev`: development conveniences (generated secret, printed token). */
  dev: boolean;
  /** `--demo`: built-in traffic generator. */
  demo: boolean;
}

/** What the command line may override (flags win over the environment). */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  dev?: boolean;
  demo?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>, overrides: ConfigOverrides = {}): ServiceConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Names and zod's messages only: zod messages describe the expectation, never echo the input.
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: i.path.join('.'), message: i.message })));
  }
  const e = parsed.data;
  const { topology, issues } = topologyFromEnv(e);
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    nodeEnv: e.NODE_ENV,
    port: overrides.port ?? e.PORT,
    host: overrides.host ?? e.HOST,
    redisUrl: topology?.kind === 'standalone' ? topology.url : null,
    redis: topology,
    redisRevocationMinReplicas: e.REDIS_REVOCATION_MIN_REPLICAS ?? (topology === null || topology.kind === 'standalone' ? 0 : 1),
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    redisConnectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    auth: {
      adminSecret: e.M1_ADMIN_JWT_SECRET ?? null,
      jwksAlgorithm: e.JWT_ALGORITHM.startsWith('HS') ? 'RS256' : e.JWT_ALGORITHM,
      jwksUrl: e.JWKS_URL ?? null,
      issuer: e.JWT_ISSUER ?? null,
      audience: e.JWT_AUDIENCE ?? null,
    },
    appAuth: {
      algorithm: e.JWT_ALGORITHM,
      secret: e.JWT_SECRET ?? null,
      // A PEM in one line of a .env file often carries literal `\n`s.
      publicKey: e.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') ?? null,
      jwksUrl: e.JWKS_URL ?? null,
      issuer: e.JWT_ISSUER ?? null,
      audience: e.JWT_AUDIENCE ?? null,
    },
    limits: {
      requestTimeoutMs: e.M1_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: Math.min(e.M1_HEADERS_TIMEOUT_MS, e.M1_REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: e.M1_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: Math.min(e.M1_MAX_CONNECTIONS, openFileBudget()),
      maxRequestsPerToken: e.M1_MAX_REQUESTS_PER_TOKEN,
      maxSseStreams: e.M1_MAX_SSE_STREAMS,
      maxSseStreamsPerToken: e.M1_MAX_SSE_STREAMS_PER_TOKEN,
    },
    dataDir: e.M1_DATA_DIR,
    analytics: {
      bufferSize: e.M1_ANALYTICS_BUFFER_SIZE,
      retentionMs: e.M1_ANALYTICS_RETENTION_H * 3_600_000,
      anomalyZThreshold: e.M1_ANOMALY_Z_THRESHOLD,
      maxTagNames: e.M1_ANALYTICS_MAX_TAG_NAMES,
      maxTagValues: e.M1_ANALYTICS_MAX_TAG_VALUES,
      queryTimeoutMs: e.M1_QUERY_TIMEOUT_MS,
      memoryBudgetBytes: e.M1_ANALYTICS_MEMORY_MB * 1024 * 1024,
      databaseUrl: e.M1_ANALYTICS_DATABASE_URL ?? null,
      spoolBytes: e.M1_ANALYTICS_SPOOL_MB * 1024 * 1024,
    },
    revocation: {
      cacheTtlS: e.TOKEN_REVOCATION_CACHE_TTL_S,
      retentionH: e.TOKEN_REVOCATION_RETENTION_H,
      failOpen: e.TOKEN_REVOCATION_FAIL_OPEN,
    },
    logLevel: e.LOG_LEVEL,
    instanceId: e.M1_INSTANCE_ID ?? null,
    dev: overrides.dev ?? false,
    demo: overrides.demo ?? false,
  };
}

/** Sockets the process can hold besides its own files: the soft open-file limit minus a reserve (Linux
 * /proc; elsewhere no bound). A connection cap above it would let a flood take the last descriptor. */
function openFileBudget(): number {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return Math.max(16, Number(m[1]) - 256);
  } catch {
    // not Linux: the configured cap stands
  }
  return Number.MAX_SAFE_INTEGER;
}
