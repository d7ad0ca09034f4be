// `m1-ops serve`: the control service is bundled separately (dist/service.js) and loaded only
// here, at run time, so that `m1-ops validate` never loads fastify and the service's drivers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError } from './errors';

const command = (name: string) => z.custom<(args: string[]) => Promise<number>>((v) => typeof v === 'function', `${name} must be a function`);
const ServiceModule = z.object({ runServe: command('runServe'), runMigrate: command('runMigrate').optional() });

/** `m1-ops migrate`: the analytics history's migrations, from the same lazily loaded bundle. */
export async function runMigrateLazily(args: string[]): Promise<number> {
  const mod = loadService();
  if (!mod.runMigrate) throw new CliError('dist/service.js does not export runMigrate(args); run `npm run build`');
  return mod.runMigrate(args);
}

export async function runServeLazily(args: string[]): Promise<number> {
  return loadService().runServe(args);
}

function loadService(): z.infer<typeof ServiceModule> {
  const file = join(__dirname, 'service.js');
  if (!existsSync(file)) throw new CliError(`${file} is missing; run \`npm run build\``);
  // A computed path on purpose: esbuild leaves it alone, so the service stays out of dist/cli.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(file);
  const mod = ServiceModule.safeParse(loaded);
  if (!mod.success) throw new CliError(`${file} does not export runServe(args)`);
  return mod.data;
}
