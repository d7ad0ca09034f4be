// "M1: Generate Secret": 48 random bytes (384 bits, above the 256-bit strength the weak-secret
// rule asks for), base64url so it needs no quoting in a .env file.
import { randomBytes } from 'node:crypto';

export const SECRET_BYTES = 48;

export function generateSecret(random: (n: number) => Buffer = randomBytes): string {
  return random(SECRET_BYTES).toString('base64url');
}
