// Builds the reliability report from the long mode's figures (`npm run test:reliability` runs it
// after the suite): merges test-results/reliability/long/*.json (one file per test file, written by
// test/reliability/support/figures.ts) into test-results/reliability.json and renders RELIABILITY.md.
// `node bench/reliability/report.mjs [exitStatus] [--mode short]`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from './render.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const mode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'long';
const exitStatus = args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) : null;
const dir = join(root, 'test-results', 'reliability', mode);
if (!existsSync(dir)) {
  console.error(`reliability report: ${dir} is missing; run npm run test:reliability first`);
  process.exit(2);
}
const sections = {};
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const s = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  sections[s.section] = s;
}
const summary = { generatedAt: new Date().toISOString(), mode, exitStatus, sections };
writeFileSync(join(root, 'test-results', 'reliability.json'), `${JSON.stringify(summary, null, 2)}\n`);
const target = mode === 'long' ? join(root, 'RELIABILITY.md') : join(root, 'test-results', 'RELIABILITY.short.md');
writeFileSync(target, render(summary));
console.error(`reliability report: ${Object.keys(sections).length} sections → test-results/reliability.json, ${target.slice(root.length + 1)}`);
