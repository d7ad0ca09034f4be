// The /v1/tokens/* inputs as zod schemas. Form bodies arrive as strings, JSON bodies as JSON: the
// schemas accept both (numbers may come as digit strings). Unknown fields are ignored, as RFC 7009
// and 7662 ask of servers (clients may add `client_id` and the like).
import { z } from 'zod';
import { MAX_JWT_LENGTH } from '../../../shared/src/jwt';

// Ids are kept exactly as given (no trimming): a jti or sub with surrounding blanks is another id, and
// revoking " x" must revoke the token whose jti is " x".
const id = z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters');
/** The latest `exp` a revocation takes (9999-12-31T23:59:59Z): past it, no date can represent it. */
export const MAX_EXP_S = 253_402_300_799;
const reason = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
/** Epoch seconds: a JSON number, or digits (form bodies carry strings). Never a boolean or a date string. */
const epochSeconds = z
  .union([z.number(), z.string().regex(/^\d{1,12}$/, 'must be epoch seconds').transform(Number)])
  .pipe(z.number().int('must be whole seconds').positive('must be epoch seconds').max(MAX_EXP_S, 'must be a date before the year 10000 (epoch seconds)'));

export const RevokeBody = z
  .object({
    token: z.string().trim().min(1, 'must not be empty').max(MAX_JWT_LENGTH, `must be at most ${MAX_JWT_LENGTH} characters`).optional(),
    token_type_hint: z.string().max(64).optional(),
    jti: id.optional(),
    exp: epochSeconds.optional(),
    reason: reason.optional(),
    tool: id.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.token === undefined && b.jti === undefined) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'give either `token` (the JWT to revoke) or `jti` (its id)' });
    }
    if (b.token !== undefined && b.jti !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['jti'], message: 'give `token` or `jti`, not both' });
    }
    if (b.token !== undefined && b.exp !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['exp'], message: '`exp` is read from the token; give it only with `jti`' });
    }
  });
export type RevokeBody = z.infer<typeof RevokeBody>;

export const RevokeAllBody = z
  .object({ sub: id.optional(), tool: id.optional(), reason })
  .superRefine((b, ctx) => {
    if ((b.sub === undefined) === (b.tool === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['sub'], message: 'give exactly one of `sub` (a subject) or `tool`' });
    }
  });
export type RevokeAllBody = z.infer<typeof RevokeAllBody>;

export const JtiParams = z.object({ jti: id });

export const IntrospectBody = z.object({
  token: z.string().trim().min(1, 'must not be empty').max(MAX_JWT_LENGTH),
  token_type_hint: z.string().max(64).optional(),
});

const DURATION = /^(\d{1,9})(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A point in time as the audit filters take it: ISO 8601 (`2025-01-31`, `2025-01-31T10:00:00Z`),
 * epoch ms, or a duration back from now (`30m`, `24h`, `7d`).
 */
export function timeParam(now: () => number) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const d = DURATION.exec(v);
      let t: number;
      if (d) t = now() - Number(d[1]) * UNIT_MS[d[2] as keyof typeof UNIT_MS];
      else if (/^\d{1,16}$/.test(v)) t = Number(v);
      else t = Date.parse(v);
      if (Number.isNaN(t)) {
        ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time, epoch ms, or a duration like 30m, 24h, 7d' });
        return z.NEVER;
      }
      // The audit log starts at the epoch and ends before year 10000: outside that, the input is wrong
      // (and stream ids cannot express it), so it is a 400, not a store error.
      if (t < 0 || t > MAX_EXP_S * 1000) {
        ctx.addIssue({ code: 'custom', message: 'must be a time between 1970-01-01 and 9999-12-31' });
        return z.NEVER;
      }
      return t;
    });
}

export function auditQuery(now: () => number) {
  return z.object({
    actor: id.optional(),
    tool: id.optional(),
    sub: id.optional(),
    since: timeParam(now).optional(),
    until: timeParam(now).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).optional(),
  });
}
