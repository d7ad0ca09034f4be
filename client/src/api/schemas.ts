// Response schemas of the service's API as the client reads them (service.md). Deliberately loose
// objects (unknown fields kept): a newer service may add fields without breaking an older client.
// The service's own schemas live in service/src, which the client may not import.
import { z } from 'zod';

export const ErrorBodySchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const HealthSchema = z.looseObject({
  status: z.enum(['ok', 'degraded']),
  store: z.string(),
  uptimeS: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;

export const AcceptedSchema = z.looseObject({ accepted: z.number().int().nonnegative() });

export const RevokeResponseSchema = z.looseObject({ revoked: z.literal(true), jti: z.string() });
export type RevokeResponse = z.infer<typeof RevokeResponseSchema>;

export const RevokeAllResponseSchema = z.looseObject({ revoked: z.literal(true) });
export type RevokeAllResponse = z.infer<typeof RevokeAllResponseSchema>;

const nullableString = z.string().nullable().optional();

export const RevocationRecordSchema = z.looseObject({
  jti: z.string(),
  sub: nullableString,
  tool: nullableString,
  reason: nullableString,
  actor: nullableString,
  revokedAt: z.string(),
  expiresAt: nullableString,
});
export type RevocationRecord = z.infer<typeof RevocationRecordSchema>;

export const TokenStatusSchema = z.looseObject({
  revoked: z.boolean(),
  record: RevocationRecordSchema.nullable().optional(),
});
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

export const AuditEntrySchema = z.looseObject({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: nullableString,
  reason: nullableString,
  jti: z.string().optional(),
  sub: z.string().optional(),
  tool: z.string().optional(),
  count: z.number().optional(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.looseObject({
  entries: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable().optional(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
