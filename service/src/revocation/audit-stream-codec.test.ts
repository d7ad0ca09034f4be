import { describe, expect, it } from 'vitest';
import { auditFields, parseAuditFields } from './audit-stream-codec';
import type { AuditInput } from './types';

describe('audit stream codec', () => {
  it.each<AuditInput>([
    { action: 'revoke', actor: 'ann', client: '10.0.0.1', reason: 'leaked', jti: 'j', sub: 's', tool: 't' },
    { action: 'revoke-all', actor: null, client: null, reason: 'r', sub: 's', detail: 'tokens issued before …' },
    { action: 'denied', actor: 'checker:1', client: null, reason: null, jti: 'j', count: 42, detail: 'check denied: token revoked' },
  ])('round-trips %o with the same fields in the same order', (e) => {
    const f = auditFields(e);
    expect(f.filter((_, i) => i % 2 === 0)).toEqual(['a', 'u', 'c', 'r', 'j', 's', 't', 'n', 'd']);
    expect(parseAuditFields(f)).toEqual(e);
  });

  it('rejects fields that are not an audit entry', () => {
    expect(parseAuditFields(['a', 'delete-everything'])).toBeNull();
    expect(parseAuditFields(['x', 'y'])).toBeNull();
    expect(parseAuditFields(['a', 'denied', 'n', 'many'])).toBeNull();
  });
});
