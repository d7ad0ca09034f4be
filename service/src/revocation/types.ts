// The revocation domain as plain data, shared by the checker, both stores and the routes.
import { z } from 'zod';

/** Records outlive the token's `exp` by this much, so a verifier with a slow clock still sees them. */
export const EXP_SKEW_MS = 5 * 60_000;
/** Audit entries are kept this long (service.md: "Audit retention 30 days"). */
export const AUDIT_RETENTION_MS = 30 * 24 * 3600_000;

// What the API returns for a revoked `jti` is the wire shape in shared/ (the CLI and the extension
// parse it with the same schema).
import { AuditEntryWireSchema, type RevocationRecord } from '../../../shared/src/api/tokens';
export { RevocationRecordSchema, type RevocationRecord } from '../../../shared/src/api/tokens';

export type NotBeforeKind = 'sub' | 'tool';

/** revoke-all: every token of `value` whose `iat` is before `notBefore` (epoch ms) is revoked. */
export interface NotBeforeEntry {
  kind: NotBeforeKind;
  value: string;
  notBefore: number;
  /** Epoch ms after which the entry is dropped (TOKEN_REVOCATION_RETENTION_H after it was made). */
  until: number;
}

export const AUDIT_ACTIONS = ['revoke', 'revoke-all', 'denied'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * An audit entry as written; the store assigns `id` and `at`. The fields are the wire shape's
 * (shared/src/api/tokens.ts); what the service writes is narrower: one of its own actions, and a
 * positive whole count. `actor` is the admin token's `sub` for revocations and `checker:<instance>`
 * for denied checks; `count` is how many denied checks an aggregated entry stands for
 * (denied-audit.ts); `detail` is free-form, e.g. "store unavailable: fail-closed".
 */
export const AuditInputSchema = AuditEntryWireSchema.omit({ id: true, at: true }).extend({
  action: z.enum(AUDIT_ACTIONS),
  count: z.number().int().positive().optional(),
});
export type AuditInput = z.infer<typeof AuditInputSchema>;

export const AuditEntrySchema = AuditInputSchema.extend({
  /** `<ms>-<seq>`, increasing; the stream id in Redis. */
  id: z.string(),
  /** ISO 8601, the time the store took the entry (the id's ms). */
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export interface AuditQuery {
  actor?: string;
  tool?: string;
  sub?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, inclusive. */
  until?: number;
  limit: number;
  /** The `id` of the last entry of the previous page (exclusive); entries older than it follow. */
  after?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The id to continue from, or null when nothing older matches the range. */
  next: string | null;
}

/** What one check needs to know; both stores answer it in one step (Redis: one MGET). */
export interface LookupKeys {
  jti?: string;
  sub?: string;
  tool?: string;
}
export interface LookupResult {
  jtiRevoked: boolean;
  /** Epoch ms of the subject's revoke-all, if any. */
  subNotBefore: number | null;
  toolNotBefore: number | null;
}

/** Invalidation messages a store delivers to every checker (Redis pub/sub, or in-process). */
export interface InvalidationListener {
  /** `jti` was revoked; cache it as revoked until `until` (epoch ms). */
  revoked(jti: string, until: number): void;
  /** A revoke-all was made; cached "not revoked" answers may now be wrong. */
  notBefore(entry: NotBeforeEntry): void;
  /** Messages may have been lost (pub/sub reconnected): drop every cached answer. */
  reset(): void;
  /** The feed stopped delivering (pub/sub connection lost); the cache TTL bounds staleness meanwhile. */
  down(): void;
}

export type StoreHealth = 'up' | 'down';

/** Connection-level events a store reports; the checker re-emits them for apps and tests. */
export interface StoreStatusListener {
  (status: StoreHealth): void;
}

export interface RevocationStore {
  readonly kind: 'redis' | 'embedded';
  /** The check path: one round trip. Rejects when the store cannot answer (caller fails closed). */
  lookup(keys: LookupKeys): Promise<LookupResult>;
  /** Stores the record, appends the audit entry, notifies every checker; resolves once durable. */
  revoke(record: RevocationRecord, until: number, audit: AuditInput): Promise<void>;
  revokeAll(entry: NotBeforeEntry, audit: AuditInput): Promise<void>;
  getRecord(jti: string): Promise<RevocationRecord | null>;
  appendAudit(entries: AuditInput[]): Promise<void>;
  queryAudit(q: AuditQuery): Promise<AuditPage>;
  /** Registers an invalidation listener; returns the function that removes it. */
  subscribe(listener: InvalidationListener): () => void;
  onStatus(listener: StoreStatusListener): () => void;
  health(): StoreHealth;
  close(): Promise<void>;
}
