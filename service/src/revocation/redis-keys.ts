// Redis key names, all under REDIS_KEY_PREFIX (default `m1:`). Short on purpose: with a million
// revoked tokens every byte of key name is a megabyte of Redis memory. No hash tags: on a Redis
// Cluster each record lands in its own slot, so revocations spread over every primary (every script
// and pipeline here touches one key; lookups are split per slot).
import type { NotBeforeKind } from './types';

export interface RevocationKeys {
  /** String: the compact record (see redis-record.ts); its TTL is the record's lifetime. */
  jti(jti: string): string;
  /** String: revoke-all time (epoch ms) for a subject or tool. */
  notBefore(kind: NotBeforeKind, value: string): string;
  /** Stream: the audit log, trimmed to 30 days with MINID. */
  readonly audit: string;
  /** String: an instance's /healthz probe (a write and a read), TTL 60 s. */
  probe(instance: string): string;
  /** Pub/sub channel carrying invalidations to every checker (a shard channel on a cluster). */
  readonly channel: string;
}

export function revocationKeys(prefix: string): RevocationKeys {
  return {
    jti: (jti) => `${prefix}rv:j:${jti}`,
    notBefore: (kind, value) => `${prefix}rv:${kind === 'sub' ? 's' : 't'}:${value}`,
    probe: (instance) => `${prefix}rv:h:${instance}`,
    audit: `${prefix}rv:audit`,
    channel: `${prefix}rv:events`,
  };
}
