// `m1-ops migrate`: applies the analytics history's migrations (M1_ANALYTICS_DATABASE_URL) and exits,
// for deployments that migrate before they start instances (`serve` also migrates at start).
import { Pool } from 'pg';
import { ConfigError, loadConfig } from '../config';
import { LATEST_VERSION, migrate, SCHEMA_NAME } from './migrations';
import { DEFAULT_SCHEMA } from './pg-history';

export const MIGRATE_USAGE = `Usage: m1-ops migrate [--schema NAME]

Applies the migrations of the analytics history in PostgreSQL (M1_ANALYTICS_DATABASE_URL) and exits:
0 when the schema is at the latest version, 1 when it cannot be, 2 for a usage error.

Options:
  --schema NAME   The schema holding the history (default ${DEFAULT_SCHEMA}, the one serve uses)
`;

export async function runMigrate(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(MIGRATE_USAGE);
    return 0;
  }
  let schema = DEFAULT_SCHEMA;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--schema' && args[i + 1] !== undefined && SCHEMA_NAME.test(args[i + 1] as string)) schema = args[++i] as string;
    else {
      process.stderr.write(`m1-ops migrate: ${a === '--schema' ? '--schema needs a name like m1_analytics' : `unexpected argument "${a}"`}\n${MIGRATE_USAGE}`);
      return 2;
    }
  }
  let url: string | null;
  try {
    url = loadConfig(process.env).analytics.databaseUrl;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`m1-ops migrate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!url) {
    process.stderr.write('m1-ops migrate: M1_ANALYTICS_DATABASE_URL is not set: there is no history database to migrate\n');
    return 1;
  }
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  try {
    const applied = await migrate(pool, schema);
    process.stdout.write(
      applied.length > 0 ? `applied migration(s) ${applied.join(', ')}; schema at version ${LATEST_VERSION}\n` : `schema already at version ${LATEST_VERSION}\n`,
    );
    return 0;
  } catch (e) {
    // pg's messages name the host and user at most, never the password.
    process.stderr.write(`m1-ops migrate: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
