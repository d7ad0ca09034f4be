// `m1-ops token revoke|revoke-all|status|audit` against a running service (--url / M1_OPS_URL,
// admin token from M1_OPS_TOKEN). Exit codes: 0 done; 1 the service refused or failed (printed
// here as one line); 2 usage, no token, unreachable service (thrown to main.ts, which prints them).
import { EXIT_OK, UsageError } from '../errors';
import { resolveTarget, ServiceRefused } from './client';
import { audit, revoke, revokeAll, status } from './commands';
import { TOKEN_HELP } from './help';
import { parseTokenArgs } from './options';
import { visible } from './visible';

export const EXIT_REFUSED = 1;

const MAX_STDIN = 64 * 1024;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > MAX_STDIN) throw new UsageError('token revoke -: stdin holds more than 64 KiB; expected one token');
  }
  return text;
}

/** Runs `m1-ops token <args>`; resolves to the process exit code. */
export async function runToken(args: string[]): Promise<number> {
  const o = parseTokenArgs(args);
  if (o === 'help' || o.help) {
    process.stdout.write(TOKEN_HELP);
    return EXIT_OK;
  }
  const target = resolveTarget(o.url, process.env);
  const out = (s: string): void => {
    process.stdout.write(s);
  };
  try {
    switch (o.sub) {
      case 'revoke':
        await revoke(o, target, out, readStdin);
        break;
      case 'revoke-all':
        await revokeAll(o, target, out);
        break;
      case 'status':
        await status(o, target, out);
        break;
      case 'audit':
        await audit(o, target, out);
        break;
    }
  } catch (e) {
    if (!(e instanceof ServiceRefused)) throw e;
    process.stderr.write(`m1-ops: ${visible(e.message)}\n`);
    return EXIT_REFUSED;
  }
  return EXIT_OK;
}
