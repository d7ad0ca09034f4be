// Writes docs/catalog.md from the catalog (server/src/catalog): bundles the TypeScript with esbuild
// in memory, renders, writes. Run: `node scripts/gen-catalog-doc.mjs` (server/src/catalog/catalog-doc.test.ts
// fails while the page is stale).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'server/src/catalog/doc.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const mod = { exports: {} };
// The bundle is our own code: evaluate it as a CommonJS module without writing it to disk.
new Function('module', 'exports', 'require', result.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const page = mod.exports.renderCatalogMarkdown();
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'catalog.md'), page);
process.stderr.write(`docs/catalog.md: ${page.split('\n').length} lines\n`);
