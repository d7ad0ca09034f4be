import { describe, expect, it } from 'vitest';
import { auditTable, fields } from './format';
import { safeJson, visible } from './visible';

const HOSTILE = 'a\u001b[2J\u001b]0;pwned\u0007b\r\nFORGED ROW\u009b31m\u202eevil\\';

describe('visible', () => {
  it('escapes C0, DEL, C1, line separators and bidi overrides, and doubles backslashes', () => {
    expect(visible(HOSTILE)).toBe('a\\x1b[2J\\x1b]0;pwned\\x07b\\r\\nFORGED ROW\\x9b31m\\u202eevil\\\\');
    expect(visible('plain jti-1 é')).toBe('plain jti-1 é');
  });
  it('leaves no control character in tables, fields or JSON', () => {
    const out = [
      auditTable([{ id: '1-0', at: '2026-01-01T00:00:00.000Z', action: 'revoke', actor: HOSTILE, client: null, reason: HOSTILE, jti: HOSTILE, sub: HOSTILE }]),
      fields([['jti', HOSTILE]]),
      safeJson({ jti: HOSTILE }),
    ].join('');
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(safeJson({ jti: HOSTILE }))).toEqual({ jti: HOSTILE });
    expect(auditTable([{ id: '1-0', at: '2026-01-01T00:00:00.000Z', action: 'revoke', actor: null, client: null, reason: HOSTILE }]).split('\n')).toHaveLength(3);
  });
});
