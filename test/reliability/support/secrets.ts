// Known secret values for the secrets test, the config file that holds them, and the scan of every
// captured output for any of them.
import { randomBytes } from 'node:crypto';

const rnd = (tag: string): string => `${tag}${randomBytes(18).toString('hex')}`;

export class SecretSet {
  readonly adminSecret = rnd('adminsecret');
  readonly jwtSecret = rnd('jwtsecret');
  readonly redisPassword = rnd('redispw');
  readonly wrongRedisPassword = rnd('wrongredispw');
  readonly dbPassword = rnd('dbpw');
  /** Tokens and their signature parts, added as the test signs them. */
  private readonly extra = new Map<string, string>();

  addToken(name: string, jwt: string): void {
    this.extra.set(`${name} (JWT)`, jwt);
    this.extra.set(`${name} (signature)`, jwt.split('.')[2] ?? '');
  }

  all(): Map<string, string> {
    return new Map([
      ['M1_ADMIN_JWT_SECRET', this.adminSecret],
      ['JWT_SECRET', this.jwtSecret],
      ['Redis password', this.redisPassword],
      ['wrong Redis password', this.wrongRedisPassword],
      ['DATABASE_URL password', this.dbPassword],
      ...this.extra,
    ]);
  }
}

export function redisUrl(password: string, port: number): string {
  return `redis://:${password}@127.0.0.1:${port}`;
}

export function databaseUrl(password: string, port: number): string {
  return `postgres://m1user:${password}@127.0.0.1:${port}/m1`;
}

/** A config file holding every secret, in the forms people write them. */
export function envFile(s: SecretSet, redisPort: number, dbPort: number, redisPassword = s.redisPassword, adminJwt = ''): string {
  return [
    'NODE_ENV=development',
    `M1_ADMIN_JWT_SECRET=${s.adminSecret}`,
    `JWT_SECRET="${s.jwtSecret}"`,
    `REDIS_URL=${redisUrl(redisPassword, redisPort)}`,
    `DATABASE_URL='${databaseUrl(s.dbPassword, dbPort)}'`,
    'REDIS_KEY_PREFIX=sec:',
    `M1_OPS_TOKEN=${adminJwt}`,
    'CACHE_URL=${REDIS_URL}/1',
    `OTHER_SECRET=${s.jwtSecret}`,
    '',
  ].join('\n');
}

export interface Captured {
  source: string;
  text: string;
}

/** Every (secret, source) pair where the secret appears in the captured text. */
export function leaks(secrets: SecretSet, captured: readonly Captured[]): string[] {
  const out: string[] = [];
  for (const [name, value] of secrets.all()) {
    if (value.length < 8) continue;
    for (const c of captured) if (c.text.includes(value)) out.push(`${name} in ${c.source}`);
  }
  return out;
}
