// Which files get the M1 catalog (docs/rules.md#schemas), and what the generic rules still catch.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../parser/parse';
import { resolveSchema } from './schema';
import { validate } from './validate';

const rules = (text: string, opts: Parameters<typeof validate>[1] = { fileName: '.env' }) => [...new Set(validate(text, opts).findings.map((f) => f.rule))].sort();

describe('resolveSchema', () => {
  it('is m1 for a file that sets an M1_* variable, and says which', () => {
    expect(resolveSchema(parseEnv('PORT=1\nM1_REGION=eu-west-1\n'))).toEqual({ schema: 'm1', source: 'M1-variable', reason: 'sets M1_REGION' });
  });
  it('is generic otherwise, unless told or declared, or the example file sets one', () => {
    const plain = parseEnv('PORT=1\n');
    expect(resolveSchema(plain)).toEqual({ schema: 'generic', source: 'default', reason: 'no M1_* variable' });
    expect(resolveSchema(plain, { explicit: 'm1' })).toMatchObject({ schema: 'm1', source: 'explicit' });
    expect(resolveSchema(parseEnv('M1_REGION=x\n'), { explicit: 'generic' })).toMatchObject({ schema: 'generic', source: 'explicit' });
    expect(resolveSchema(plain, { declared: true })).toMatchObject({ schema: 'm1', source: 'declared', reason: 'listed in m1ops.validation.m1Files' });
    expect(resolveSchema(plain, { example: parseEnv('M1_API_BASE_URL=\n') })).toMatchObject({ schema: 'm1', reason: 'its example file sets M1_API_BASE_URL' });
  });
});

describe('validate on files that are not M1 configs', () => {
  it('reports no catalog finding where an M1 config gets many', () => {
    const text = 'NODE_ENV=dev\nPORT=:8888\nDATABASE_URL=mysql://u:p@db/app\nLOG_LEVEL=info,app::sso=debug\nS3_REGION=eu-west-1\n';
    expect(rules(text)).toEqual([]);
    expect(rules(text, { fileName: '.env', schema: 'm1' })).toEqual(expect.arrayContaining(['invalid-value', 'missing-required', 'unknown-key']));
  });
  it('keeps the production rules about M1 names to M1 configs', () => {
    const text = 'DEBUG=true\nREDIS_URL=redis://cache:6379\nCORS_ORIGINS=*\nTOKEN_REVOCATION_FAIL_OPEN=true\n';
    expect(rules(text, { fileName: '.env.production' })).toEqual([]);
  });
  it('still catches the traps and the secrets, judged by name', () => {
    expect(rules('JWT_SECRET=ASD#asda23kfj9\n')).toEqual(['unquoted-hash', 'weak-secret']);
    expect(rules('SESSION_SECRET=changeme\nAPP_KEY=SomeRandomString\n')).toEqual(['placeholder-secret', 'weak-secret']);
    expect(rules('NODE_TLS_REJECT_UNAUTHORIZED=0\nJWT_ALGORITHM=none\n')).toEqual(['algorithm-none', 'tls-disabled']);
    expect(rules('A=1\nA=2\nBARE\nDOCS=#see readme\n')).toEqual(['duplicated-key', 'key-without-value', 'unquoted-hash']);
  });
  it('does not judge secrets that a provider issues, and accepts 128 bits for generated ones', () => {
    expect(rules('GITHUB_CLIENT_SECRET=0123456789abcdef0123\nSTRIPE_WEBHOOK_SECRET=whsec_abc\nAWS_SECRET_ACCESS_KEY=abc\n')).toEqual([]);
    expect(rules('APP_SECRET=3f9c2b7a51d84e06a2c9f1b8d7e4a630\n')).toEqual([]); // Symfony's 32 hex characters
    expect(rules('APP_SECRET=3f9c2b7a51d84e06a2c9f1b8d7e4a630\nM1_REGION=x\n', { fileName: '.env', schema: 'm1' })).not.toContain('weak-secret'); // not a catalog secret
  });
  it('says so in the message without the M1 parenthesis', () => {
    const f = validate('NODE_TLS_REJECT_UNAUTHORIZED=0\n', { fileName: '.env' }).findings[0];
    expect(f?.message).not.toContain('Redis');
  });
});
