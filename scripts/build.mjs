// Bundles every entry point with esbuild (CommonJS for Node 20 = VS Code's runtime).
// `node scripts/build.mjs [--production]` from the command line; `buildAll()` from the test
// suite's global setup, which builds dist/ once before any test file starts. Every output file is
// written to a temporary name and renamed into place, so a process starting from dist/ never
// reads a half-written bundle.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Optional native add-ons of dependencies that we never load. */
const NEVER_LOADED = ['pg-native', 'cpu-features', 'ssh2', 'bufferutil', 'utf-8-validate'];

/** @type {{ in: string, out: string, platform?: 'node' | 'browser', external?: string[] }[]} */
export const ENTRIES = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'service/src/main.ts', out: 'dist/service.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'client/webview/main.ts', out: 'dist/webview.js', platform: 'browser' },
  // The revocation checker library M1 applications embed (package export `m1-ops/revocation`).
  { in: 'service/src/revocation/index.ts', out: 'dist/revocation.js' },
];

/** Builds every entry into `root`/dist; resolves to the outputs written. */
export async function buildAll({ production = false, root = ROOT } = {}) {
  const results = await Promise.all(
    ENTRIES.map(async (e) => {
      const browser = e.platform === 'browser';
      const outfile = join(root, e.out);
      const r = await build({
        entryPoints: [join(root, e.in)],
        outfile,
        bundle: true,
        write: false,
        platform: browser ? 'browser' : 'node',
        format: browser ? 'iife' : 'cjs',
        target: browser ? ['chrome120'] : ['node20'],
        external: browser ? [] : [...(e.external ?? []), ...NEVER_LOADED],
        sourcemap: production ? false : 'linked',
        minify: production,
        legalComments: 'none',
        logLevel: 'warning',
      });
      return r.outputFiles;
    }),
  );
  const written = [];
  for (const file of results.flat()) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
    written.push(file.path);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const written = await buildAll({ production: process.argv.includes('--production') });
  const bundles = written.filter((f) => f.endsWith('.js')).map((f) => f.slice(ROOT.length + 1));
  process.stderr.write(`build: ${bundles.join(', ')} in ${Date.now() - started} ms\n`);
}
