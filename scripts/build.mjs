// Bundles every entry point with esbuild (CommonJS for Node 20 = VS Code's runtime).
// An entry whose source does not exist yet is skipped, so the build works while parts are missing.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

/** @type {{ in: string, out: string, platform?: 'node' | 'browser', external?: string[] }[]} */
const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'service/src/main.ts', out: 'dist/service.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'client/webview/main.ts', out: 'dist/webview.js', platform: 'browser' },
  // The revocation checker library M1 applications embed (package export `m1-ops/revocation`).
  { in: 'service/src/revocation/index.ts', out: 'dist/revocation.js' },
];

const started = Date.now();
const built = [];
for (const e of entries) {
  const src = join(root, e.in);
  if (!existsSync(src)) continue;
  const browser = e.platform === 'browser';
  await build({
    entryPoints: [src],
    outfile: join(root, e.out),
    bundle: true,
    platform: browser ? 'browser' : 'node',
    format: browser ? 'iife' : 'cjs',
    target: browser ? ['chrome120'] : ['node20'],
    external: e.external ?? [],
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
    // Optional native add-ons of dependencies that we never load.
    ...(browser ? {} : { external: [...(e.external ?? []), 'pg-native', 'cpu-features', 'ssh2', 'bufferutil', 'utf-8-validate'] }),
  });
  built.push(e.out);
}
process.stderr.write(`build: ${built.join(', ') || 'nothing yet'} in ${Date.now() - started} ms\n`);
