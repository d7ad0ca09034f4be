// Secret generation and the "is this secret strong enough" estimate shared by the security rules.
import { randomBytes } from 'node:crypto';
import type { Fix } from '../../../../shared/src/findings';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { appendLinesEdit, replaceValueEdit } from './findings';

/** 48 random bytes, base64url: 64 characters, 384 bits, no characters that need quoting in a .env file. */
export function generateSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * "Generate a strong secret": never safe, because replacing a signing secret invalidates every
 * token issued with the old one and every other service sharing it must be updated too.
 */
export function generateSecretFix(ctx: RuleContext, key: string, entry?: EnvEntry): Fix {
  const secret = generateSecret();
  const edit = entry ? replaceValueEdit(ctx, entry, secret) : appendLinesEdit(ctx, [`${key}=${secret}`]);
  return { title: `Generate a strong secret for ${key}`, edits: [edit], safe: false, preferred: true };
}

/** Smallest usual alphabet covering the value, by size. */
const ALPHABETS: { size: number; name: string; re: RegExp }[] = [
  { size: 10, name: 'digits', re: /^[0-9]+$/ },
  { size: 16, name: 'hex', re: /^[0-9a-fA-F]+$/ },
  { size: 26, name: 'lower-case letters', re: /^[a-z]+$/ },
  { size: 64, name: 'base64/alphanumeric', re: /^[A-Za-z0-9+/=_-]+$/ },
];
/** Anything else (punctuation, spaces, non-ASCII): counted as the 95 printable ASCII characters. */
const OTHER = { size: 95, name: 'printable ASCII' };

export interface Strength {
  /** length × log2(alphabet size), rounded down. */
  bits: number;
  alphabet: string;
  /** Characters (code points). */
  length: number;
}

/** config.md's estimate: length × log2(size of the smallest usual alphabet that covers the value). */
export function estimateStrength(value: string): Strength {
  const length = [...value].length;
  const a = ALPHABETS.find((x) => x.re.test(value)) ?? OTHER;
  return { bits: Math.floor(length * Math.log2(a.size)), alphabet: a.name, length };
}

// config.md's list, compared case-insensitively after trimming.
const PLACEHOLDERS = new Set([
  'secret', 'changeme', 'change-me', 'change_me', 'password', 'your-256-bit-secret', '!changeme!', 'todo', 'test', 'example',
  'replaceme', 'replace-me', 'replace_me', 'your-secret', 'your_secret', 'yoursecret', 'mysecret', 'my-secret', 'supersecret',
  'secret123', 'password123', 'default', 'dummy', 'fixme', 'tbd', 'none', 'null', 'undefined',
]);

/** A well-known placeholder, `xxx…`, a `<…>` template marker, or one repeated character. */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return false;
  return PLACEHOLDERS.has(v) || /^x{3,}$/.test(v) || /^<[^>]*>$/.test(v) || /^(.)\1*$/su.test(v) || /^(your|my)[-_ ]?.*(secret|key)([-_ ]?here)?$/.test(v);
}
