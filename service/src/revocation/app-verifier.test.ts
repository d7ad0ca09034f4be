import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createAdminVerifier } from '../http/auth';
import { tokenVerifiers, verifyEither } from './app-verifier';

const ADMIN = 'admin-secret-0123456789abcdef0123456789abcdef';
const APP = 'app-secret-0123456789abcdef0123456789abcdef-app';
const hs = (secret: string, claims: Record<string, unknown> = {}, alg = 'HS256') =>
  new SignJWT({ sub: 'u', ...claims }).setProtectedHeader({ alg }).setExpirationTime('1h').setJti('j').sign(new TextEncoder().encode(secret));

describe('verifyEither', () => {
  it('tells application tokens (JWT_SECRET) from operator tokens (M1_ADMIN_JWT_SECRET), and refuses others', async () => {
    const config = loadConfig({ M1_ADMIN_JWT_SECRET: ADMIN, JWT_SECRET: APP });
    const v = tokenVerifiers(config, createAdminVerifier(config.auth));
    expect(await verifyEither(await hs(APP), v)).toMatchObject({ kind: 'application', claims: { sub: 'u' } });
    expect(await verifyEither(await hs(ADMIN), v)).toMatchObject({ kind: 'operator' });
    expect(await verifyEither(await hs('another-secret-0123456789abcdef0123456789ab'), v)).toBeNull();
    // Only JWT_ALGORITHM: an HS512 token signed with the right secret is not an application token.
    expect(await verifyEither(await hs(APP, {}, 'HS512'), v)).toBeNull();
  });

  it('verifies with JWT_PUBLIC_KEY under JWT_ALGORITHM, and checks JWT_ISSUER / JWT_AUDIENCE', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const pem = (await exportSPKI(publicKey)).replace(/\n/g, '\\n'); // one line, as in a .env file
    const config = loadConfig({ JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: pem, JWT_ISSUER: 'https://id.m1', JWT_AUDIENCE: 'm1-api' });
    const v = tokenVerifiers(config, createAdminVerifier(config.auth));
    const sign = (iss: string) => new SignJWT({ sub: 'app-user' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(iss).setAudience('m1-api').setExpirationTime('1h').sign(privateKey);
    expect(await verifyEither(await sign('https://id.m1'), v)).toMatchObject({ kind: 'application', claims: { sub: 'app-user' } });
    expect(await verifyEither(await sign('https://evil'), v)).toBeNull();
    expect(v.application).not.toBeNull();
    expect(tokenVerifiers(loadConfig({ JWT_ALGORITHM: 'RS256' }), createAdminVerifier(config.auth)).application).toBeNull();
  });
});
