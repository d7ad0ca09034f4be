// Bundles TypeScript for a benchmark with esbuild (no `npm run build` needed): `exports` is a
// TypeScript module body (re-exports) resolved from the repository root; the result is one CommonJS
// file in a temporary folder (removed when the benchmark exits; child processes may load it too).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export async function bundleTs(exports, name = 'bench') {
  const dir = mkdtempSync(join(tmpdir(), `m1-${name}-`));
  const file = join(dir, `${name}.cjs`);
  await build({
    stdin: { contents: exports, resolveDir: root, loader: 'ts' },
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ['node20'],
    logLevel: 'warning',
    external: ['pg-native', 'cpu-features', 'ssh2', 'bufferutil', 'utf-8-validate'],
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { file, mod: require(file) };
}
