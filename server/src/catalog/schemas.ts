// One zod schema per value type: the type/format check of `invalid-value`. Issue messages are
// "expected" phrases ("a base-10 integer") so that the rule can say "PORT must be <phrase>".
// Numeric ranges are deliberately not here: they are `out-of-range`, a rule of their own.
import { z } from 'zod';
import {
  durationMs,
  isBool,
  isDebugValue,
  isHost,
  isInt,
  isNumber,
  isPath,
  isRegion,
  isSemver,
  originsProblem,
  parseUrl,
  pemProblem,
  urlScheme,
} from './formats';
import type { VarType } from './types';

type StringSchema = z.ZodType<string, string>;

function check(predicate: (s: string) => boolean, expected: string): StringSchema {
  return z.string().refine(predicate, { error: expected });
}

function urlSchema(schemes: readonly string[]): StringSchema {
  const list = schemes.map((s) => `${s}://`).join(' or ');
  return z.string().superRefine((s, ctx) => {
    const u = parseUrl(s);
    if (!u || u.hostname === '') {
      ctx.addIssue({ code: 'custom', message: `an absolute URL such as ${schemes[0] ?? 'https'}://host` });
    } else if (!schemes.includes(urlScheme(u))) {
      ctx.addIssue({ code: 'custom', message: `a URL starting with ${list} (it starts with ${urlScheme(u)}://)` });
    }
  });
}

export function schemaFor(t: VarType): StringSchema {
  switch (t.kind) {
    case 'int':
      return check(isInt, 'a base-10 integer');
    case 'number':
      return check(isNumber, 'a number');
    case 'bool':
      return check(isBool, 'one of true, false, 1, 0');
    case 'enum':
      return check((s) => t.values.includes(s), `one of ${t.values.join(', ')}`);
    case 'duration':
      return check((s) => durationMs(s) !== undefined, 'a duration: a whole number followed by ms, s, m, h or d (e.g. 1h)');
    case 'url':
      return urlSchema(t.schemes);
    case 'secret':
      return check((s) => s.length > 0, 'a non-empty secret');
    case 'pem':
      return z.string().superRefine((s, ctx) => {
        const p = pemProblem(s);
        if (p === 'no-pem') ctx.addIssue({ code: 'custom', message: 'a PEM block (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)' });
        // A private key here is a leaked secret as well as the wrong key.
        if (p === 'private-key') ctx.addIssue({ code: 'custom', message: 'a public key or certificate, not a PRIVATE KEY (keep the private key out of this service)' });
      });
    case 'path':
      return check(isPath, 'a file system path');
    case 'semver':
      return check(isSemver, 'a semantic version such as 1.4.2');
    case 'region':
      return check(isRegion, 'a cloud region such as us-east-1');
    case 'pattern':
      return check((s) => t.pattern.test(s), `text matching ${t.source}`);
    case 'host':
      return check(isHost, 'a host name or an IP address (no scheme, no port)');
    case 'origins':
      return z.string().superRefine((s, ctx) => {
        const why = originsProblem(s);
        if (why) ctx.addIssue({ code: 'custom', message: `a comma-separated list of origins such as https://app.example.com, or * (${why})` });
      });
    case 'string':
      return z.string();
    case 'debug':
      return check(isDebugValue, 'true, false, 1, 0 or a namespace list such as m1:*,-m1:noisy');
  }
}

/** Short type label for hover, completion details and docs: "int 1–65535", "url (https)". */
export function typeLabel(t: VarType): string {
  switch (t.kind) {
    case 'int':
    case 'number':
      return `${t.kind} ${t.min}–${t.max}`;
    case 'enum':
      return t.values.length === 2 && t.values.includes('0') ? '0 | 1' : `enum (${t.values.join(' | ')})`;
    case 'url':
      return `url (${t.schemes.join(', ')})`;
    case 'pattern':
      return `pattern ${t.source}`;
    case 'host':
      return 'hostname or IP';
    case 'origins':
      return 'comma list of origins or *';
    case 'debug':
      return 'bool or namespace list';
    case 'pem':
      return 'PEM';
    default:
      return t.kind;
  }
}
