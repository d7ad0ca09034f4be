// Realistic .env documents for bench/validate.bench.mjs: the M1 variables with comments and blank
// lines as people write them, plus the application's own variables, quoted values, a multi-line
// PEM key and interpolation. Deterministic, so that runs compare.

const M1_BLOCK = `# ---- deployment ----
NODE_ENV=production
M1_REGION=eu-west-1
M1_INSTANCE_ID=api-1.eu
M1_RELEASE=2.14.0
M1_DATA_DIR=/var/lib/m1-ops

# ---- api ----
M1_API_BASE_URL=https://api.example.com
PORT=8080
HOST=0.0.0.0
M1_API_TIMEOUT_MS=30000
CORS_ORIGINS=https://app.example.com,https://admin.example.com

# ---- security ----
JWT_ALGORITHM=HS256
JWT_SECRET=q3VfZk1uX2Jhc2U2NHVybF9zZWNyZXRfdmFsdWVfMTIzNDU2Nzg5MA
JWT_ISSUER=https://auth.example.com/
JWT_AUDIENCE=m1-api
JWT_EXPIRES_IN=1h
M1_ADMIN_JWT_SECRET="cTNWZloxdVgySmhjMlUyTkhWeWJGOXpaV055WlhSZmRtRnNkV1Zm"
NODE_TLS_REJECT_UNAUTHORIZED=1
DEBUG=false
JWT_PUBLIC_KEY="-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexample
exampleexampleexampleexampleexampleexampleexampleexampleexampleexample==
-----END PUBLIC KEY-----"

# ---- revocation ----
TOKEN_REVOCATION_CACHE_TTL_S=60
TOKEN_REVOCATION_RETENTION_H=24
TOKEN_REVOCATION_FAIL_OPEN=false

# ---- redis ----
REDIS_HOST=cache.internal
REDIS_URL=rediss://:\${REDIS_PASSWORD}@\${REDIS_HOST}:6380/0
REDIS_PASSWORD=Rk9-long-random-redis-password
REDIS_KEY_PREFIX=m1:prod:
REDIS_CONNECT_TIMEOUT_MS=5000
REDIS_COMMAND_TIMEOUT_MS=500

# ---- database ----
DATABASE_URL=postgres://m1:Xk3-long-random@db.internal:5432/m1?sslmode=require
DATABASE_POOL_MIN=2
DATABASE_POOL_MAX=20
DATABASE_STATEMENT_TIMEOUT_MS=30000

# ---- performance ----
M1_CACHE_TTL_S=300
M1_MAX_CONCURRENT_TOOLS=16
M1_RATE_LIMIT_RPM=600
M1_SLOW_REQUEST_MS=1000

# ---- monitoring ----
LOG_LEVEL=info
M1_ANALYTICS_URL=https://analytics.example.com
M1_ANALYTICS_BUFFER_SIZE=1000
M1_ANALYTICS_RETENTION_H=24
M1_ANOMALY_Z_THRESHOLD=3
SENTRY_DSN=https://abc123@o1.ingest.sentry.io/42
`;

/** One application-variable group: 6 lines. `n` makes the keys unique. */
function appBlock(n, salt = '') {
  return `# feature ${n}${salt}
FEATURE_${n}${salt}_ENABLED=true
FEATURE_${n}${salt}_ENDPOINT="https://svc-${n}.internal/api"
FEATURE_${n}${salt}_TIMEOUT_MS=2500 # per call
FEATURE_${n}${salt}_LABEL='Feature number ${n}'

`;
}

/** A document of about `lines` lines: the M1 block, then application groups. */
export function makeDocument(lines, salt = '') {
  const parts = [M1_BLOCK, '\n'];
  let count = (M1_BLOCK.match(/\n/g) ?? []).length + 1;
  for (let n = 0; count < lines; n++) {
    parts.push(appBlock(n, salt));
    count += 6;
  }
  return parts.join('');
}
