import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CORPUS, ORDINARY_CORPUS } from './secret-corpus';
import { isSecretEntry, isSecretValue, liveCredentialShape, redactSecretsIn } from './secret-detector';

/** The value as dotenv reads it (the corpus writes PEM newlines as `\n` inside double quotes). */
const read = (v: string): string => (v.startsWith('"') ? v.slice(1, -1).replace(/\\n/g, '\n') : v);

describe('the secret detector', () => {
  it.each(CREDENTIAL_CORPUS)('hides %s by its value alone', (key, value) => {
    expect(isSecretValue(read(value))).toBe(true);
    expect(isSecretEntry(key, read(value))).toBe(true);
  });

  it.each(ORDINARY_CORPUS)('shows %s=%s', (key, value) => {
    expect(isSecretValue(value)).toBe(false);
    expect(isSecretEntry(key, value)).toBe(false);
  });

  it('hides by name, and trusts the catalog over the name for its own variables', () => {
    expect(isSecretEntry('DB_PASSWORD', 'hello')).toBe(true);
    expect(isSecretEntry('JWT_SECRET', 'x', true)).toBe(true);
    expect(isSecretEntry('JWT_ALGORITHM', 'HS256', false)).toBe(false);
    expect(isSecretEntry('JWT_ALGORITHM', `sk_live_51H8${'a1B2'.repeat(8)}`, false)).toBe(true);
  });

  it.each(CREDENTIAL_CORPUS)('says whether %s is a live credential', (_key, value, live) => {
    expect(liveCredentialShape(read(value)) !== undefined).toBe(live);
  });

  it.each(ORDINARY_CORPUS)('never calls %s a live credential', (_key, value) => {
    expect(liveCredentialShape(value)).toBeUndefined();
  });
});

describe('redactSecretsIn (messages and logs)', () => {
  it.each(CREDENTIAL_CORPUS)('removes the %s value from a sentence', (key, value) => {
    const v = read(value);
    const out = redactSecretsIn(`${key} is set to ${v} in .env (line 3)`);
    expect(out).toContain(`${key} is set to `);
    expect(out).toContain('in .env (line 3)');
    // No run of 8 characters of the credential's secret part survives (PEM bodies included).
    const secretPart = v.replace(/^[a-z]+:\/\/[^:]*:/, '').replace(/@.*$/s, '');
    for (let i = 0; i + 8 <= secretPart.length; i += 4) {
      const piece = secretPart.slice(i, i + 8);
      if (/^-+BEGIN|^[A-Z ]+-+$|PRIVATE|CERTIFIC|PUBLIC K/.test(piece) || !/[0-9a-z]/.test(piece)) continue;
      expect(out).not.toContain(piece);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = ORDINARY_CORPUS.map(([k, v]) => `${k}=${v}`).join('; ') + ' see https://github.com/m1-ops/m1-ops/blob/main/docs/rules.md#unknown-key';
    expect(redactSecretsIn(text)).toBe(text);
  });

  it('masks only the password of a URL', () => {
    expect(redactSecretsIn('connect to redis://:topsecret@h:1 failed')).toBe('connect to redis://:****@h:1 failed');
  });
});

describe('hostile input', () => {
  // Each of these took 2–24 s with unbounded patterns (quadratic backtracking); now every scan is
  // bounded. The assertions are on results; a regression shows as a test that does not finish.
  const hostile = ['a.'.repeat(1 << 19), 'https://'.repeat(1 << 17), `x://a:${'b:'.repeat(1 << 19)}`, 'eyJabcdefgh.'.repeat(1 << 16)];

  it('hides a value longer than it scans, and scans the rest in bounded time', () => {
    for (const v of hostile) expect(isSecretValue(v)).toBe(true);
    expect(isSecretValue('a.'.repeat(4000))).toBe(false);
    expect(liveCredentialShape('a.'.repeat(4000))).toBeUndefined();
  });

  it('cuts a huge log line and redacts what remains', () => {
    for (const v of hostile) expect(redactSecretsIn(v).length).toBeLessThanOrEqual(16_385);
  });
});
