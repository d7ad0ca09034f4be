import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { reusedSecret } from './reused-secret';

const S = 'q3VfZk1uX2Jhc2U2NHVybF9zZWNyZXRfdmFsdWVfMTIzNDU2Nzg5MA';

describe('reused-secret', () => {
  it('warns on the admin secret when both secrets are equal, with a generate fix', () => {
    const [f] = runRule(reusedSecret, `JWT_SECRET=${S}\nM1_ADMIN_JWT_SECRET="${S}"`);
    expect(f).toMatchObject({ rule: 'reused-secret', level: 'warning', key: 'M1_ADMIN_JWT_SECRET' });
    expect(f?.range.start.line).toBe(1);
    expect(f?.message).toContain('Give the admin secret its own generated value');
    expect(f?.message).not.toContain(S);
    expect(f?.fixes[0]?.title).toBe('Generate a strong secret for M1_ADMIN_JWT_SECRET');
  });
  it('is quiet when they differ or one is missing', () => {
    expect(runRule(reusedSecret, `JWT_SECRET=${S}\nM1_ADMIN_JWT_SECRET=${S}x`)).toEqual([]);
    expect(runRule(reusedSecret, `JWT_SECRET=${S}`)).toEqual([]);
    expect(runRule(reusedSecret, 'JWT_SECRET=\nM1_ADMIN_JWT_SECRET=')).toEqual([]);
  });
});
