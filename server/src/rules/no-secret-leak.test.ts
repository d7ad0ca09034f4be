// Secrets never appear in findings: every rule runs over documents full of known secret values (signing
// secrets, URL passwords, the Sentry key, a private key, credential-looking unknown keys), in every
// profile, and no message or fix title may contain any of them. (Values of non-secret catalog
// variables, such as PORT=abc, are shown on purpose: docs/rules.md#what-messages-show.)
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../shared/src/profiles';
import { validate } from '../engine/validate';
import { CREDENTIAL_CORPUS, readCorpusValue, secretPartsOf } from '../catalog/secret-corpus';
import { runRule } from './testing';
import { ALL_RULES } from './index';

const SECRETS = [
  'Sh0rtLeak7',
  'changeme',
  'LeakHex0123456789abcdef0123456789ab',
  'ReusedLeak-Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0',
  'PgLeak-9731',
  'RedisLeak-5521',
  'sentryleak4471',
  'PRIVATELEAKBODY',
  'sk_live_leak_1234',
  'BrokenLeak-55',
  'Slash/Leak-66',
];

const DOCUMENTS = [
  // placeholders, URL passwords, private key in the public key slot, credential-looking unknown key
  [
    'NODE_ENV=prodution',
    'JWT_ALGORITHM=none',
    'JWT_SECRET=changeme',
    'M1_ADMIN_JWT_SECRET=Sh0rtLeak7',
    'JWT_PUBLIC_KEY="-----BEGIN PRIVATE KEY-----\nPRIVATELEAKBODY\n-----END PRIVATE KEY-----"',
    'DATABASE_URL=postgres://postgres:PgLeak-9731@db.internal:5432/m1',
    'REDIS_URL=http://:RedisLeak-5521@cache.internal:6379',
    'SENTRY_DSN=http://sentryleak4471@o1.ingest.sentry.io/2',
    'STRIPE_SECRET_KEY=sk_live_leak_1234',
    'JWT_SECRT=LeakHex0123456789abcdef0123456789ab',
  ].join('\n'),
  // weak and reused secrets, duplicates, interpolation of a secret, broken URLs
  [
    'JWT_SECRET=LeakHex0123456789abcdef0123456789ab',
    'JWT_SECRET=ReusedLeak-Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0',
    'M1_ADMIN_JWT_SECRET=${JWT_SECRET}',
    'DATABASE_URL=postgres//u:BrokenLeak-55@db/m1',
    'REDIS_URL=redis://u:Slash/Leak-66@cache.internal:6379',
    'M1_API_BASE_URL=not-a-url',
    '# m1-ops-disable-next-line weak-secrets',
    'jwt_secret = Sh0rtLeak7 ',
    'JWT_SECRET_2=PgLeak-9731 # sk_live_leak_1234',
  ].join('\n'),
];

function leaks(texts: string[]): string[] {
  return SECRETS.filter((s) => texts.some((t) => t.includes(s)));
}

describe('no rule puts a secret into a message or fix title', () => {
  for (const [i, doc] of DOCUMENTS.entries()) {
    for (const profile of PROFILES) {
      it(`document ${i + 1}, ${profile}, through validate()`, () => {
        const { findings } = validate(doc, { fileName: '.env', profile, exampleText: doc, ruleLevels: { 'unordered-key': 'info' } });
        expect(findings.length).toBeGreaterThan(5);
        expect(leaks(findings.flatMap((f) => [f.message, ...f.fixes.map((x) => x.title)]))).toEqual([]);
      });
    }
    it(`document ${i + 1}, every rule on its own`, () => {
      for (const rule of ALL_RULES) {
        for (const profile of ['development', 'production'] as const) {
          // Both schemas: the generic one judges secrets by name and names them in its messages.
          for (const schema of ['m1', 'generic'] as const) {
            for (const dialect of ['node', 'compose', 'php'] as const) {
              const findings = runRule(rule, doc, { profile, exampleText: 'OTHER=1', schema, dialect });
              expect(leaks(findings.flatMap((f) => [f.message, ...f.fixes.map((x) => x.title)])), `${rule.id} ${schema} ${dialect}`).toEqual([]);
            }
          }
        }
      }
    });
  }

  it('never quotes a credential-shaped value, even in a catalog variable whose value messages quote', () => {
    for (const [, value] of CREDENTIAL_CORPUS) {
      const v = readCorpusValue(value).replace(/\n/g, '');
      const doc = `NODE_ENV=${v}\nM1_API_BASE_URL=${v}\nLOG_LEVEL=${v}\nPORT=${v}\n`;
      const { findings } = validate(doc, { fileName: '.env' });
      const text = findings.flatMap((f) => [f.message, ...f.fixes.map((x) => x.title)]).join('\n');
      for (const part of secretPartsOf(value)) expect(text, value).not.toContain(part.replace(/\n/g, ''));
    }
  });

  it('is able to fail: the secrets are in the documents', () => {
    expect(leaks(DOCUMENTS)).toEqual(SECRETS);
  });
});
