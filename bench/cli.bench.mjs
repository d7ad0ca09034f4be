// Whole-process start-up cost of `m1-ops validate` on one realistic file, against peers measured
// in the same run on the same machine:
//   - `node -e ""`: bare Node start-up, the floor no Node CLI can go under;
//   - `node -e "require('dotenv').parse(...)"`: the least a dotenv-based tool does (start Node,
//     load dotenv, read and parse the file).
// Our overhead is the difference. Goal: `m1-ops validate` under 300 ms.
// Run: `node scripts/build.mjs && node bench/cli.bench.mjs [runs]` (default 30 runs per command,
// after 3 warm-up runs; the commands are interleaved so that machine noise hits them alike).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'bench', 'cli.env');
const runs = Number(process.argv[2] ?? 30);
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  process.stderr.write('dist/cli.js is missing: run `node scripts/build.mjs` first\n');
  process.exit(2);
}

const commands = [
  { name: 'node -e ""', args: ['-e', ''] },
  { name: 'node + dotenv.parse', args: ['-e', `require('dotenv').parse(require('fs').readFileSync(${JSON.stringify(file)}))`] },
  { name: 'm1-ops --version', args: [join(root, 'bin', 'm1-ops.js'), '--version'] },
  { name: 'm1-ops validate', args: [join(root, 'bin', 'm1-ops.js'), 'validate', file], okCodes: [0, 1] },
  { name: 'm1-ops validate --format sarif', args: [join(root, 'bin', 'm1-ops.js'), 'validate', '--format', 'sarif', file], okCodes: [0, 1] },
];

function once(c) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (!(c.okCodes ?? [0]).includes(r.status)) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = new Map(commands.map((c) => [c.name, []]));
for (let i = 0; i < 3; i++) for (const c of commands) once(c);
for (let i = 0; i < runs; i++) for (const c of commands) samples.get(c.name).push(once(c));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const base = pct(samples.get('node -e ""'), 50);
const rows = commands.map((c) => {
  const xs = samples.get(c.name);
  const p50 = pct(xs, 50);
  return { command: c.name, 'p50 ms': p50.toFixed(1), 'p95 ms': pct(xs, 95).toFixed(1), 'over bare node ms': (p50 - base).toFixed(1) };
});
console.log(`node ${process.version}, ${runs} runs each, file ${file.slice(root.length + 1)}`);
console.table(rows);
const validateP50 = pct(samples.get('m1-ops validate'), 50);
console.log(`m1-ops validate p50 ${validateP50.toFixed(1)} ms: ${validateP50 < 300 ? 'within' : 'OVER'} the 300 ms goal`);
