// fast-check arbitraries for hostile HTTP input: bodies of every shape (JSON near the schemas, any
// JSON, random bytes, huge, deeply nested), DSL queries near and far from valid, JWT-shaped junk,
// and query strings.
import fc from 'fast-check';
import { EVENT_TYPES } from '../../../shared/src/events';
import { AGG_FNS, FILTER_OPS } from '../../../shared/src/query';
import { validEvent, validishQuery } from './arbitraries-valid';

export interface Body {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const enc = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'utf8'));
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

export const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream', 'application/json; charset=latin1', 'multipart/form-data') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter((s) => !/[\r\n\0]/.test(s) && s.trim() === s) },
);

const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(1e308, -1, 0, 8.64e15, 2 ** 53));

/** Objects that look like events: right or wrong types, fields of any kind. */
export const eventish = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string({ maxLength: 12 })),
    ts: fc.oneof(scalar, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    tags: fc.oneof(fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 300 }), scalar), { maxKeys: 40 }), scalar),
    op: fc.oneof(fc.constantFrom('hit', 'miss', 'set', 'evict'), scalar),
    latencyMs: scalar,
    durationMs: scalar,
    tool: fc.oneof(fc.string({ maxLength: 300 }), scalar),
    status: fc.oneof(fc.constantFrom('ok', 'error', 'timeout', 'up', 'down', 'degraded'), scalar),
    amountUsd: scalar,
    code: scalar,
    message: fc.oneof(fc.string({ maxLength: 3000 }), scalar),
    severity: fc.oneof(fc.constantFrom('low', 'medium', 'high', 'critical'), scalar),
    policy: scalar,
    decision: fc.oneof(fc.constantFrom('allow', 'deny'), scalar),
    component: scalar,
  },
  { requiredKeys: [] },
);

/** A body of any of the shapes a hostile client can send. `json` biases it towards `near`. */
export function bodyOf(near: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const jsonText = fc.oneof(
    { weight: 16, arbitrary: near.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)) },
    { weight: 1, arbitrary: fc.integer({ min: 900_000, max: 1_200_000 }).map((n) => `{"type":"errors","code":"x","severity":"low","message":"${'m'.repeat(n)}"}`) },
  );
  return fc.oneof(
    { weight: 10, arbitrary: fc.tuple(jsonText, contentType).map(([t, ct]) => ({ bytes: enc(t), contentType: ct })) },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 4096 }), contentType).map(([b, ct]) => ({ bytes: new Uint8Array(b), contentType: ct })) },
  );
}

export const eventsBody = bodyOf(
  fc.oneof(
    validEvent,
    fc.record({ events: fc.array(validEvent, { maxLength: 40 }) }),
    eventish,
    fc.record({ events: fc.oneof(fc.array(fc.oneof(validEvent, eventish), { maxLength: 40 }), scalar) }, { requiredKeys: [] }),
  ),
);

const field = fc.oneof(
  fc.constantFrom('tool', 'status', 'durationMs', 'tokens', 'ts', 'tags.region', 'amountUsd', 'latencyMs', 'message', 'tags.', 'id', '__proto__', 'constructor'),
  fc.string({ maxLength: 70 }),
);
const instant = fc.oneof(fc.integer({ min: -1e15, max: 1e16 }), fc.double(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 }));
const duration = fc.oneof(fc.constantFrom('1s', '1m', '5m', '1h', '1d', '0s', '999999999999d', '100000000s', ''), fc.string({ maxLength: 12 }));

const hostileQuery = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string({ maxLength: 10 })),
    range: fc.oneof(duration, fc.record({ from: instant, to: instant }, { requiredKeys: ['from'] }), scalar),
    filters: fc.oneof(
      fc.array(fc.record({ field, op: fc.oneof(fc.constantFrom(...FILTER_OPS), fc.string({ maxLength: 8 })), value: fc.oneof(scalar, fc.array(scalar, { maxLength: 1100 })) }, { requiredKeys: [] }), { maxLength: 6 }),
      scalar,
    ),
    groupBy: fc.oneof(fc.array(field, { maxLength: 18 }), scalar),
    interval: duration,
    aggregations: fc.oneof(
      fc.array(
        fc.record({ fn: fc.oneof(fc.constantFrom(...AGG_FNS), fc.string({ maxLength: 8 })), field, p: fc.oneof(fc.double(), fc.integer({ min: -10, max: 200 })), as: fc.string({ maxLength: 70 }) }, { requiredKeys: ['fn'] }),
        { maxLength: 66 },
      ),
      scalar,
    ),
    analysis: fc.array(
      fc.oneof(
        fc.constantFrom('anomalies', 'trend', 'x'),
        fc.record({ kind: fc.constantFrom('anomalies', 'trend'), window: fc.integer({ min: -5, max: 2000 }), threshold: fc.double() }, { requiredKeys: ['kind'] }),
      ),
      { maxLength: 3 },
    ),
    orderBy: fc.oneof(fc.record({ field, dir: fc.constantFrom('asc', 'desc', 'up') }, { requiredKeys: [] }), fc.array(fc.record({ field, dir: fc.constantFrom('asc', 'desc') }), { maxLength: 10 }), scalar),
    limit: fc.oneof(fc.integer({ min: -5, max: 20_000 }), scalar),
    cursor: fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue({ maxDepth: 3 }).map((v) => b64(JSON.stringify(v))), fc.constant(null)),
  },
  { requiredKeys: ['type'] },
);

/** DSL queries: half pass the schema with hostile values, half are hostile in shape. */
export const dslQuery = fc.oneof(validishQuery, hostileQuery);

/** Strings shaped like a JWT (three base64url segments of JSON or junk), and plain junk. */
export const jwtish = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 60 })).map(([h, p, s]) => `${b64(JSON.stringify(h))}.${b64(JSON.stringify(p))}.${b64(s)}`),
  fc
    .record({ jti: scalar, sub: scalar, exp: scalar, iat: scalar, tool: scalar, nbf: scalar }, { requiredKeys: [] })
    .map((c) => `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(JSON.stringify(c))}.${b64('sig')}`),
  fc.string({ maxLength: 300 }),
  fc.integer({ min: 16_000, max: 20_000 }).map((n) => `a.${'b'.repeat(n)}.c`),
);

const reason = fc.oneof(fc.string({ maxLength: 600 }), scalar);
export const revokeBody = bodyOf(
  fc.record({ token: fc.oneof(jwtish, scalar), token_type_hint: scalar, jti: fc.oneof(fc.string({ maxLength: 600 }), scalar), exp: fc.oneof(scalar, fc.stringMatching(/^\d{1,14}$/)), reason, tool: scalar }, { requiredKeys: [] }),
);
export const formBody = fc
  .array(fc.tuple(fc.constantFrom('token', 'jti', 'exp', 'reason', 'tool', 'token_type_hint', 'x'), fc.oneof(jwtish, fc.string({ maxLength: 50 }))), { maxLength: 6 })
  .map((pairs) => ({ bytes: enc(new URLSearchParams(pairs).toString()), contentType: 'application/x-www-form-urlencoded' }));
export const revokeAllBody = bodyOf(fc.record({ sub: fc.oneof(fc.string({ maxLength: 600 }), scalar), tool: fc.oneof(fc.string({ maxLength: 600 }), scalar), reason }, { requiredKeys: [] }));
export const introspectBody = bodyOf(fc.record({ token: fc.oneof(jwtish, scalar), token_type_hint: scalar }, { requiredKeys: [] }));

/** A query string from these parameter names with hostile values. */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const value = fc.oneof(fc.string({ maxLength: 60 }), fc.integer().map(String), fc.constantFrom('1s', '1h', '7d', '2025-01-31', '-1', '0', '1e309', '%', '%00'), fc.string({ minLength: 5000, maxLength: 9000 }));
  return fc.array(fc.tuple(fc.constantFrom(...names, 'x'), value), { maxLength: 6 }).map((pairs) => {
    const q = new URLSearchParams(pairs).toString();
    return q === '' ? '' : `?${q}`;
  });
}
