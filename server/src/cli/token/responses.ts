// The API's answers as the CLI reads them (zod: a service of another version must not crash us).
import { z } from 'zod';

export const RevokeResponse = z.object({ revoked: z.literal(true), jti: z.string() });
export const RevokeAllResponse = z.object({ revoked: z.literal(true), sub: z.string().optional(), tool: z.string().optional(), notBefore: z.string() });

export const RecordSchema = z.object({
  jti: z.string(),
  sub: z.string().nullable(),
  tool: z.string().nullable(),
  reason: z.string().nullable(),
  actor: z.string().nullable(),
  revokedAt: z.string(),
  expiresAt: z.string().nullable(),
});
export const StatusResponse = z.object({ revoked: z.boolean(), record: RecordSchema.optional() });

export const AuditEntry = z.looseObject({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  client: z.string().nullable(),
  reason: z.string().nullable(),
  jti: z.string().optional(),
  sub: z.string().optional(),
  tool: z.string().optional(),
  count: z.number().optional(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditResponse = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
