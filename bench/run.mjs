// Runs every benchmark in turn (`npm run bench`, after the build). Each one compares us with a
// peer in the same run; see BENCHMARKS.md for what each measures and the latest figures.
// `npm run bench -- parse cli` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** name → script and its arguments (kept at the sizes the issues ask for). */
const BENCHES = {
  parse: ['parse.bench.mjs'],
  validate: ['validate.bench.mjs'],
  cli: ['cli.bench.mjs'],
  query: ['service/query.bench.mjs'],
  ingest: ['service/ingest.bench.mjs'],
  fanout: ['service/fanout.bench.mjs'],
  'history-ingest': ['history/ingest.bench.mjs', '500000'],
  'history-day': ['history/day.bench.mjs', '6', '7', '1000'],
  'revocation-cached': ['revocation/cached.bench.mjs'],
  'revocation-uncached': ['revocation/uncached.bench.mjs'],
  'revocation-propagation': ['revocation/propagation.bench.mjs'],
  'revocation-failclosed': ['revocation/failclosed.bench.mjs'],
  'revocation-memory': ['revocation/memory.bench.mjs'],
  dashboard: ['dashboard/dashboard.bench.mjs', '30'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const [name, [script, ...args]] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const file = join(here, script);
  if (!existsSync(file)) {
    console.error(`\n== ${name}: ${script} is missing`);
    failed++;
    continue;
  }
  console.log(`\n== ${name}: node bench/${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`== ${name} exited with ${r.status ?? r.signal}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
