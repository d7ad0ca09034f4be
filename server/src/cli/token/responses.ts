// The API's answers as the CLI reads them: the wire schemas in shared/, which the service's own
// answers are typed by (a service of another version must not crash us: unknown keys are dropped).
export {
  AuditPageSchema as AuditResponse,
  RevokeAllResponseSchema as RevokeAllResponse,
  RevokeResponseSchema as RevokeResponse,
  TokenStatusSchema as StatusResponse,
  type AuditEntryWire as AuditEntry,
} from '../../../../shared/src/api/tokens';
