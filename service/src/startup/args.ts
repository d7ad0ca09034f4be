// `m1-ops serve [--port N] [--host H] [--dev] [--demo]`: the command line, checked with zod.
import { z } from 'zod';

export const SERVE_USAGE = `usage: m1-ops serve [--port N] [--host H] [--dev] [--demo]

  --port N   listen on port N (default: PORT, else 3000; 0 picks a free port)
  --host H   listen on host H (default: HOST, else 0.0.0.0; with --dev, 127.0.0.1)
  --dev      development: NODE_ENV=development and loopback unless set, generate M1_ADMIN_JWT_SECRET when
             unset, print an admin token and the dashboard URL
  --demo     generate demo traffic of every event type
Configuration comes from the environment (see docs/service.md).
`;

export interface ServeArgs {
  port?: number;
  host?: string;
  dev: boolean;
  demo: boolean;
  help: boolean;
}

const Port = z.coerce.number().int().min(0).max(65535);
const Host = z.string().min(1).max(255);

export class ArgsError extends Error {}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = { dev: false, demo: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ArgsError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const p = Port.safeParse(value());
        if (!p.success) throw new ArgsError('--port takes an integer from 0 to 65535');
        out.port = p.data;
        break;
      }
      case '--host': {
        const h = Host.safeParse(value());
        if (!h.success) throw new ArgsError('--host takes a host name or IP address');
        out.host = h.data;
        break;
      }
      case '--dev':
        out.dev = true;
        break;
      case '--demo':
        out.demo = true;
        break;
      case '-h':
      case '--help':
        out.help = true;
        break;
      default:
        throw new ArgsError(`unknown option ${a}`);
    }
  }
  return out;
}
