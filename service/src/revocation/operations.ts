// The revocation actions behind the API, free of HTTP: each one writes the record or entry and its
// audit entry together (the store makes both durable before resolving).
import type { RevokeTarget } from './revoke-target';
import {
  EXP_SKEW_MS,
  type AuditPage,
  type AuditQuery,
  type NotBeforeKind,
  type RevocationRecord,
  type RevocationStore,
} from './types';

export interface Who {
  /** The admin token's `sub`. */
  actor: string | null;
  /** The client's address. */
  client: string | null;
}

export interface OperationsOptions {
  /** TOKEN_REVOCATION_RETENTION_H. */
  retentionH: number;
  now: () => number;
}

export class RevocationOperations {
  constructor(
    private readonly store: RevocationStore,
    private readonly opts: OperationsOptions,
  ) {}

  async revoke(t: RevokeTarget, reason: string | null, who: Who): Promise<RevocationRecord> {
    const now = this.opts.now();
    const until = t.exp !== null ? t.exp * 1000 + EXP_SKEW_MS : now + this.opts.retentionH * 3_600_000;
    const record: RevocationRecord = {
      jti: t.jti,
      sub: t.sub,
      tool: t.tool,
      reason,
      actor: who.actor,
      revokedAt: new Date(now).toISOString(),
      expiresAt: t.exp !== null ? new Date(t.exp * 1000).toISOString() : null,
    };
    await this.store.revoke(record, until, {
      action: 'revoke',
      actor: who.actor,
      client: who.client,
      reason,
      jti: t.jti,
      ...(t.sub !== null ? { sub: t.sub } : {}),
      ...(t.tool !== null ? { tool: t.tool } : {}),
      ...(until <= now ? { detail: 'token already expired: nothing to enforce, audited only' } : {}),
    });
    return record;
  }

  async revokeAll(kind: NotBeforeKind, value: string, reason: string, who: Who): Promise<{ notBefore: number }> {
    const now = this.opts.now();
    await this.store.revokeAll(
      { kind, value, notBefore: now, until: now + this.opts.retentionH * 3_600_000 },
      { action: 'revoke-all', actor: who.actor, client: who.client, reason, [kind]: value, detail: `tokens issued before ${new Date(now).toISOString()}` },
    );
    return { notBefore: now };
  }

  status(jti: string): Promise<RevocationRecord | null> {
    return this.store.getRecord(jti);
  }

  audit(q: AuditQuery): Promise<AuditPage> {
    return this.store.queryAudit(q);
  }
}
