// `m1-ops token --help` and the per-subcommand texts.
export const TOKEN_HELP = `Usage: m1-ops token <subcommand> [options]

Revoke tokens and audit revocations on a running M1 Ops service.

Subcommands:
  revoke TOKEN|JTI|- [--reason R]          Revoke one token (a JWT is decoded and its sub, jti,
                                           exp and tool are shown first) or a jti; - reads the
                                           token from stdin (keeps it out of history and ps)
  revoke-all --sub S|--tool T --reason R   Revoke every token of a subject or tool issued until now
  status JTI [--json]                      Whether a jti is revoked, and by whom, when and why
  audit [--since D] [--until D] [--actor A] [--tool T] [--sub S] [--limit N] [--json]
                                           Revocations and denied checks, newest first
                                           (D: 2025-01-31, 2025-01-31T10:00:00Z, 30m, 24h, 7d)

Options:
  --url URL             The service (default: $M1_OPS_URL, else http://127.0.0.1:3000)
  -h, --help            Show this help

The admin token is read from $M1_OPS_TOKEN (never from the command line, so it stays out of
shell history); \`m1-ops serve --dev\` prints one. Scopes: tokens:revoke (revoke, revoke-all),
tokens:read (status), tokens:audit (audit).

Exit codes: 0 done; 1 the service refused or could not do it (bad input 400, bad admin token 401,
missing scope 403, store unavailable 503); 2 usage error, no M1_OPS_TOKEN, or the service
cannot be reached.
`;
