// Admin tokens verified against a JWKS served on loopback (RS256), with issuer and audience configured.
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET, postJson, startTestService, type TestService } from './harness';

let jwksServer: Server;
let svc: TestService;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', () => resolve()));
  const addr = jwksServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  svc = await startTestService({
    M1_ADMIN_JWT_SECRET: '',
    JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    JWT_ALGORITHM: 'RS256',
    JWT_ISSUER: 'https://id.m1.example',
    JWT_AUDIENCE: 'm1-ops',
  });
});
afterAll(async () => {
  await svc.close();
  await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
});

const sign = (claims: { iss?: string; aud?: string }, key: CryptoKey | Uint8Array = privateKey, alg = 'RS256') => {
  let t = new SignJWT({ scope: 'analytics:read' }).setProtectedHeader({ alg, kid: 'k1' }).setSubject('ops').setExpirationTime('5m');
  if (claims.iss) t = t.setIssuer(claims.iss);
  if (claims.aud) t = t.setAudience(claims.aud);
  return t.sign(key);
};
const query = async (token: string) => postJson(`${svc.url}/v1/query`, { type: 'tools' }, token);

describe('JWKS admin tokens', () => {
  it('accepts an RS256 token from the JWKS with the configured issuer and audience', async () => {
    const r = await query(await sign({ iss: 'https://id.m1.example', aud: 'm1-ops' }));
    expect(r.status).toBe(200);
  });

  it('401s a wrong issuer, a wrong audience, and HS256 when only a JWKS is configured', async () => {
    const iss = await query(await sign({ iss: 'https://evil.example', aud: 'm1-ops' }));
    expect(iss.status).toBe(401);
    expect(iss.body).toMatchObject({ error: { message: 'token claim "iss" rejected: unexpected "iss" claim value' } });
    const aud = await query(await sign({ iss: 'https://id.m1.example', aud: 'other' }));
    expect(aud.status).toBe(401);
    const hs = await query(await sign({ iss: 'https://id.m1.example', aud: 'm1-ops' }, new TextEncoder().encode(TEST_SECRET), 'HS256'));
    expect(hs.status).toBe(401);
    expect(hs.body).toMatchObject({ error: { message: 'token algorithm not allowed' } });
  });
});
