// Help texts. Kept next to the option definitions' vocabulary; `m1-ops <command> --help` prints them.

export const MAIN_HELP = `Usage: m1-ops <command> [options]

Commands:
  validate [paths...]   Check .env files (directories are searched for .env, .env.*, *.env)
  parse FILE            Print the entries of an env file as dotenv reads them (JSON)
  serve                 Run the M1 Ops control service
  migrate               Apply the analytics history's PostgreSQL migrations (M1_ANALYTICS_DATABASE_URL)
  token <subcommand>    Revoke tokens and audit revocations on a running service

Options:
  -h, --help            Show help (also: m1-ops <command> --help)
  -v, --version         Show the version
`;

export const VALIDATE_HELP = `Usage: m1-ops validate [paths...] [options]

Checks env files. Without a path, the current directory. A directory means every .env, .env.*
and *.env file under it, and every example spelling (env.example, .env_sample, ...; node_modules
and .git skipped). M1 configs (a file that sets an M1_* variable, or whose example file does) are
checked against the M1 catalog; every other file gets the generic rules only (syntax,
interpolation, duplicated keys, placeholder and weak secrets, TLS-off flags). Example files
(.env.example, .env.local.example, .env.dist, example.env, ...) are lint-checked only, and a
file's example sibling in the same directory drives the example-sync rules.

Options:
  --profile P           development | test | staging | production (default: from the file name,
                        then NODE_ENV in the file, then development)
  --schema S            auto (default) | m1 | generic: M1 catalog rules for every file (m1), for
                        none (generic), or for M1 configs only (auto)
  --dialect D           auto (default) | node | compose | php: the reader the files are written
                        for (auto: Compose when a compose.yaml is beside the file, php when a
                        composer.json or symfony.lock is, else node)
  --format F            text (default) | json | sarif
  --fail-on L           critical | error (default) | warning | info: exit 1 when a finding is at
                        least this severe
  --connectivity        Also try Redis, PostgreSQL, HTTP health and JWKS (3 s per check)
  --fix                 Apply every safe fix in place, then report what is left. A safe fix never
                        changes a value dotenv reads, nor adds or removes a key
  -h, --help            Show this help

Exit codes: 0 no finding reaches --fail-on; 1 one does; 2 usage or I/O error (missing,
unreadable, binary or over 10 MB file).
Colours: on a terminal unless NO_COLOR is set; FORCE_COLOR=1 forces them, FORCE_COLOR=0 disables.
`;

export const PARSE_HELP = `Usage: m1-ops parse FILE [--expand]

Prints {"entries": [{"key", "value", "line"}]}: one entry per key, values exactly as dotenv's
parse() returns them (the last duplicate wins; line is the 1-based line of that entry).

Options:
  --expand              Values after dotenv-expand interpolation. Only the file's own variables
                        are used: the shell environment never leaks in.
  -h, --help            Show this help
`;
