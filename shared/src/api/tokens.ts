// The /v1/tokens API's answers on the wire (service.md "Token revocation"): the service produces
// them, and the CLI and the extension parse them with these same schemas. zod objects drop unknown
// keys, so a newer service may add fields without breaking an older reader; the audit `action` is
// a plain string on the wire for the same reason (the service validates its own set when writing).
import { z } from 'zod';

/** A revoked `jti` (service.md "A record holds …"). Times are ISO 8601. */
export const RevocationRecordSchema = z.object({
  jti: z.string(),
  sub: z.string().nullable(),
  tool: z.string().nullable(),
  reason: z.string().nullable(),
  /** The admin token's `sub`. */
  actor: z.string().nullable(),
  revokedAt: z.string(),
  /** The token's own `exp`, or null when it had none (then TOKEN_REVOCATION_RETENTION_H applies). */
  expiresAt: z.string().nullable(),
});
export type RevocationRecord = z.infer<typeof RevocationRecordSchema>;

/** `POST /v1/tokens/revoke`. */
export const RevokeResponseSchema = z.object({ revoked: z.literal(true), jti: z.string() });
export type RevokeResponse = z.infer<typeof RevokeResponseSchema>;

/** `POST /v1/tokens/revoke-all`. */
export const RevokeAllResponseSchema = z.object({
  revoked: z.literal(true),
  sub: z.string().optional(),
  tool: z.string().optional(),
  /** ISO 8601: tokens issued before it are revoked. */
  notBefore: z.string(),
});
export type RevokeAllResponse = z.infer<typeof RevokeAllResponseSchema>;

/** `GET /v1/tokens/{jti}`. */
export const TokenStatusSchema = z.object({ revoked: z.boolean(), record: RevocationRecordSchema.optional() });
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

/** One entry of `GET /v1/tokens/audit`. */
export const AuditEntryWireSchema = z.object({
  /** `<ms>-<seq>`, increasing. */
  id: z.string(),
  /** ISO 8601. */
  at: z.string(),
  /** revoke, revoke-all, denied (and whatever a newer service adds). */
  action: z.string(),
  actor: z.string().nullable(),
  /** The client address of the request, when there was one. */
  client: z.string().nullable(),
  reason: z.string().nullable(),
  jti: z.string().optional(),
  sub: z.string().optional(),
  tool: z.string().optional(),
  /** Denied checks are aggregated: how many this entry stands for. */
  count: z.number().optional(),
  detail: z.string().optional(),
});
export type AuditEntryWire = z.infer<typeof AuditEntryWireSchema>;

export const AuditPageSchema = z.object({ entries: z.array(AuditEntryWireSchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;
