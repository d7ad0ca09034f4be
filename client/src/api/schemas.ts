// Response schemas of the service's API as the client reads them (service.md). Unknown fields are
// tolerated: a newer service may add fields without breaking an older client.
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

// The /v1/tokens answers: one wire definition in shared/, which the service and the CLI use too.
export {
  AuditEntryWireSchema as AuditEntrySchema,
  AuditPageSchema,
  RevocationRecordSchema,
  RevokeAllResponseSchema,
  RevokeResponseSchema,
  TokenStatusSchema,
  type AuditEntryWire as AuditEntry,
  type AuditPage,
  type RevocationRecord,
  type RevokeAllResponse,
  type RevokeResponse,
  type TokenStatus,
} from '../../../shared/src/api/tokens';
