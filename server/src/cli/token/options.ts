// `m1-ops token` arguments: node:util parseArgs for the syntax, zod for the values.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '../errors';

export const SUBCOMMANDS = ['revoke', 'revoke-all', 'status', 'audit'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export interface TokenOptions {
  sub: Subcommand;
  positionals: string[];
  url: string | undefined;
  reason: string | undefined;
  subject: string | undefined;
  tool: string | undefined;
  actor: string | undefined;
  since: string | undefined;
  until: string | undefined;
  limit: number;
  json: boolean;
  help: boolean;
}

const Limit = z.coerce.number().int().min(1).max(100_000);
const NonEmpty = z.string().trim().min(1).max(500);

/** Flags each subcommand accepts (anything else is a usage error naming the flag). */
const ALLOWED: Record<Subcommand, readonly string[]> = {
  revoke: ['url', 'reason', 'help'],
  'revoke-all': ['url', 'sub', 'tool', 'reason', 'help'],
  status: ['url', 'json', 'help'],
  audit: ['url', 'since', 'until', 'actor', 'tool', 'sub', 'limit', 'json', 'help'],
};

export function parseTokenArgs(argv: string[]): TokenOptions | 'help' {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return 'help';
  if (!(SUBCOMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown token subcommand "${first}" (expected ${SUBCOMMANDS.join(', ')})`);
  }
  const sub = first as Subcommand;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        reason: { type: 'string' },
        sub: { type: 'string' },
        tool: { type: 'string' },
        actor: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`token ${sub}: ${(e as Error).message}`);
  }
  const v = parsed.values;
  for (const k of Object.keys(v)) {
    if (!ALLOWED[sub].includes(k)) throw new UsageError(`token ${sub} does not take --${k}`);
  }
  const str = (name: string, x: string | undefined): string | undefined => {
    if (x === undefined) return undefined;
    const r = NonEmpty.safeParse(x);
    if (!r.success) throw new UsageError(`--${name} must be a non-empty value of at most 500 characters`);
    return r.data;
  };
  const limit = v.limit === undefined ? { success: true as const, data: 100 } : Limit.safeParse(v.limit);
  if (!limit.success) throw new UsageError('--limit must be a whole number from 1 to 100000');
  return {
    sub,
    positionals: parsed.positionals,
    url: str('url', v.url),
    reason: str('reason', v.reason),
    subject: str('sub', v.sub),
    tool: str('tool', v.tool),
    actor: str('actor', v.actor),
    since: str('since', v.since),
    until: str('until', v.until),
    limit: limit.data,
    json: v.json === true,
    help: v.help === true,
  };
}
