// Builds the reliability report from the long mode's figures (`npm run test:reliability` runs it
// after the suite): merges test-results/reliability/long/*.json (one file per test file, written by
// test/reliability/support/figures.ts) into test-results/reliability.json and renders RELIABILITY.md.
// `node bench/reliability/report.mjs [exitStatus] [--mode short] [--splice]`. With --splice only the
// attack table (render-attacks.mjs, between its markers) is re-rendered into the existing RELIABILITY.md,
// from a run of just the attack files; the rest of the page keeps the figures of the last full run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { END, START, renderAttacks } from './render-attacks.mjs';
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
if (args.includes('--splice')) {
  const target = mode === 'long' ? join(root, 'RELIABILITY.md') : join(root, 'test-results', 'RELIABILITY.short.md');
  const page = existsSync(target) ? readFileSync(target, 'utf8') : '';
  const section = renderAttacks(summary);
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  const anchor = page.indexOf('## Bugs found and fixed');
  const next =
    a >= 0 && b > a
      ? page.slice(0, a) + section.trimEnd() + page.slice(b + END.length)
      : anchor >= 0
        ? `${page.slice(0, anchor)}${section}\n${page.slice(anchor)}`
        : `${page}\n${section}`;
  writeFileSync(target, next);
  console.error(`reliability report: attack table spliced into ${target.slice(root.length + 1)}`);
  process.exit(0);
}
writeFileSync(join(root, 'test-results', 'reliability.json'), `${JSON.stringify(summary, null, 2)}\n`);
const target = mode === 'long' ? join(root, 'RELIABILITY.md') : join(root, 'test-results', 'RELIABILITY.short.md');
writeFileSync(target, render(summary));
console.error(`reliability report: ${Object.keys(sections).length} sections → test-results/reliability.json, ${target.slice(root.length + 1)}`);
