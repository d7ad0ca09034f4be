// A PostgreSQL schema of its own per test file (dropped at the end): tests share one database.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export function uniqueSchema(label: string): string {
  return `t_${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}
