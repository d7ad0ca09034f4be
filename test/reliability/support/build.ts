// The binaries as users run them (bin/m1-ops.js → dist/cli.js, which loads dist/service.js; and
// dist/server.js, the language server), bundled with scripts/build.mjs's esbuild options into a
// private directory: never dist/, which other test files may be rebuilding at the same moment.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export const ROOT = join(__dirname, '..', '..', '..');

export interface Binaries {
  dir: string;
  /** bin/m1-ops.js */
  cli: string;
  /** dist/server.js (the language server; `--stdio`) */
  server: string;
}

const ENTRIES = [
  ['server/src/cli/main.ts', 'cli.js'],
  ['service/src/main.ts', 'service.js'],
  ['server/src/lsp/main.ts', 'server.js'],
] as const;

export async function buildBinaries(): Promise<Binaries> {
  const dir = mkdtempSync(join(tmpdir(), 'm1-rel-build-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  await Promise.all(
    ENTRIES.map(([entry, out]) =>
      build({
        entryPoints: [join(ROOT, entry)],
        outfile: join(dir, 'dist', out),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: ['node20'],
        external: ['pg-native', 'cpu-features', 'ssh2', 'bufferutil', 'utf-8-validate'],
        legalComments: 'none',
        logLevel: 'warning',
      }),
    ),
  );
  copyFileSync(join(ROOT, 'bin', 'm1-ops.js'), join(dir, 'bin', 'm1-ops.js'));
  return { dir, cli: join(dir, 'bin', 'm1-ops.js'), server: join(dir, 'dist', 'server.js') };
}
