// Test corpus: credential SHAPES (synthetic values built with each provider's prefix, alphabet and
// length; none is a real secret) and ordinary values that must stay visible. Used by the detector's
// unit test, the committed-secret rule's test and the language server's "no surface shows a secret"
// tests (test/lsp/), so every surface is checked against the same list.

/** Deterministic filler of `n` characters from `alphabet` (a fixed walk, not randomness). */
export function filler(n: number, alphabet = 'aB3xQ9mZ7kR2tW5pL8vN4cY6hJ1dF0s'): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + 3) % alphabet.length];
  return out;
}

const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** [variable name that does NOT sound secret, value with a credential's shape, live credential?]. */
export const CREDENTIAL_CORPUS: readonly (readonly [string, string, boolean])[] = [
  ['STRIPE_LIVE', `sk_live_51H8${filler(40)}`, true],
  ['STRIPE_TEST', `sk_test_51H8${filler(40)}`, true],
  ['STRIPE_RESTRICTED', `rk_live_51H8${filler(40)}`, true],
  ['STRIPE_HOOK', `whsec_${filler(32)}`, true],
  ['GH', `ghp_16C7${filler(32)}`, true],
  ['GH_OAUTH', `gho_${filler(36)}`, true],
  ['GH_APP', `ghs_${filler(36)}`, true],
  ['GH_FINE', `github_pat_11AB${filler(18)}_${filler(59)}`, true],
  ['GITLAB', `glpat-${filler(20)}`, true],
  ['SLACK_BOT', `xoxb-1234567890-1234567890123-${filler(24)}`, true],
  ['SLACK_USER', `xoxp-1234567890-1234567890123-${filler(24)}`, true],
  ['SLACK_APP', `xoxa-2-${filler(30)}`, true],
  ['SLACK_REFRESH', `xoxr-${filler(30)}`, true],
  ['SLACK_HOOK', `https://hooks.slack.com/services/T0${filler(8, UPPER)}/B0${filler(8, UPPER)}/${filler(24)}`, true],
  ['DISCORD_HOOK', `https://discord.com/api/webhooks/123456789012345678/${filler(68)}`, true],
  ['AWS_ID', `AKIA${filler(16, UPPER)}`, true],
  ['AWS_SESSION_ID', `ASIA${filler(16, UPPER)}`, true],
  ['GOOGLE', `AIza${filler(35)}`, true],
  ['OPENAI', `sk-proj-${filler(48)}`, true],
  ['ANTHROPIC', `sk-ant-api03-${filler(80)}`, true],
  ['NPM', `npm_${filler(36)}`, true],
  ['SENDGRID', `SG.${filler(22)}.${filler(43)}`, true],
  ['SHOPIFY', `shpat_${filler(32, HEX)}`, true],
  ['SQUARE', `sq0atp-${filler(22)}`, true],
  ['MAILGUN', `key-${filler(32, HEX)}`, true],
  ['BEARER', `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${filler(43)}`, true],
  ['SIGNING', `"-----BEGIN RSA PRIVATE KEY-----\\nMIIE${filler(60)}\\n-----END RSA PRIVATE KEY-----"`, true],
  ['SIGNING_EC', `"-----BEGIN EC PRIVATE KEY-----\\nMHcC${filler(60)}\\n-----END EC PRIVATE KEY-----"`, true],
  ['SIGNING_PKCS8', `"-----BEGIN PRIVATE KEY-----\\nMIIE${filler(60)}\\n-----END PRIVATE KEY-----"`, true],
  ['SSH', `"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Bl${filler(60)}\\n-----END OPENSSH PRIVATE KEY-----"`, true],
  ['CERT', `"-----BEGIN CERTIFICATE-----\\nMIID${filler(60)}\\n-----END CERTIFICATE-----"`, false],
  ['VERIFY', `"-----BEGIN PUBLIC KEY-----\\nMIIB${filler(60)}\\n-----END PUBLIC KEY-----"`, false],
  ['BROKER', `amqp://app:Pw${filler(12)}@mq.internal:5672/`, false],
  ['UPSTREAM', `https://deploy:Hx${filler(14)}@git.example.com/repo.git`, false],
  ['RANDOM', filler(40), false],
  ['RANDOM_B64', `${filler(30)}+/${filler(10)}==`, false],
  ['DIGEST', filler(40, HEX), false],
];

/** Ordinary values: shown everywhere, never flagged. */
export const ORDINARY_CORPUS: readonly (readonly [string, string])[] = [
  ['GREETING', 'hello'],
  ['LOG_LEVEL', 'info'],
  ['NODE_ENV', 'production'],
  ['PORT', '3000'],
  ['RATIO', '0.75'],
  ['HOST', '0.0.0.0'],
  ['API', 'https://api.example.com/v1'],
  ['CACHE', 'redis://cache.internal:6379/0'],
  ['DB', 'postgres://app@db.internal:5432/m1'],
  ['DATA_DIR', '/var/lib/m1/data/uploads/2024'],
  ['RELATIVE', './config/settings.production.json'],
  ['SERVICE', 'm1-analytics-ingest-worker-v2'],
  ['FQDN', 'eu-west-1.analytics.internal.example.com'],
  ['VERSION', '2024.06.01-rc.3'],
  ['TITLE', 'The quick brown fox jumps over the lazy dog'],
  ['ORIGINS', 'https://app.example.com,https://admin.example.com'],
  ['FLAG', 'true'],
  ['EMPTY', ''],
  ['CRON', '*/5 * * * *'],
  ['PUBLISHABLE', 'pk_live_is_not_secret'],
];

/** The value as dotenv reads it (the corpus writes PEM newlines as `\n` inside double quotes). */
export function readCorpusValue(v: string): string {
  return v.startsWith('"') ? v.slice(1, -1).replace(/\\n/g, '\n') : v;
}

/**
 * The parts of a corpus value that must never be shown: a URL's password (its host may show), the
 * body of a PEM block (its BEGIN line may not matter), else the whole value.
 */
export function secretPartsOf(value: string): string[] {
  const v = readCorpusValue(value);
  const url = /^[a-z]+:\/\/[^:/@]*:([^@]+)@/.exec(v);
  if (url?.[1]) return [url[1]];
  if (v.startsWith('-----BEGIN')) return v.split('\n').filter((l) => !l.startsWith('-----'));
  return [v];
}
