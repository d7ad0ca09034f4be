// In-process cost of validate() (parse + every rule + suppression + sort) on realistic documents of
// 200 and 10,000 lines, against a peer measured in the same run on the same text: dotenv.parse()
// followed by a plain zod object schema of the catalog (each variable's format schema plus its
// range), i.e. what a minimal "dotenv + zod" validator does. The ratio is what matters.
// Goals: 200 lines < 2 ms median, 10,000 lines < 50 ms median.
// Run: `node bench/validate.bench.mjs [samples]` (bundles the TypeScript with esbuild on the fly;
// default 40 samples per case after warm-up; cases are interleaved so that noise hits them alike).
import { createRequire } from 'node:module';
import { bundleTs } from './bundle.mjs';
import { makeDocument } from './validate-fixtures.mjs';

const samples = Number(process.argv[2] ?? 40);
const require = createRequire(import.meta.url);

const { validate, VARIABLES, numericValue, z } = (
  await bundleTs(
  `export { validate } from './server/src/engine/validate';
   export { VARIABLES, numericValue } from './server/src/catalog';
   export { z } from 'zod';`,
    'bench-validate',
  )
).mod;
const dotenv = require('dotenv');

// The peer: dotenv + one zod object over the catalog, built once as such a tool would.
const shape = {};
for (const spec of VARIABLES) {
  let s = spec.schema;
  if (spec.type.kind === 'int' || spec.type.kind === 'number') {
    const { min, max } = spec.type;
    s = s.refine((v) => {
      const n = numericValue(spec, v);
      return n !== undefined && n >= min && n <= max;
    });
  }
  shape[spec.name] = s.optional();
}
const peerSchema = z.object(shape).loose();
const peer = (text) => peerSchema.safeParse(dotenv.parse(text));

const doc200 = makeDocument(200);
const doc10k = makeDocument(10_000);
// Distinct key sets, so that per-key memoisation cannot help: the cost of a document seen for the first time.
const cold10k = Array.from({ length: 12 }, (_, i) => makeDocument(10_000, `_V${i}`));
const opts = { fileName: '.env.production' };

const cases = [
  { name: 'validate 200 lines', batch: 20, run: () => validate(doc200, opts) },
  { name: 'peer 200 lines', batch: 20, run: () => peer(doc200) },
  { name: 'validate 10k lines', batch: 1, run: () => validate(doc10k, opts) },
  { name: 'peer 10k lines', batch: 1, run: () => peer(doc10k) },
  { name: 'validate 10k lines, new keys', batch: 1, run: (i) => validate(cold10k[i % cold10k.length], opts) },
];

/** Milliseconds per call: one sample times `batch` calls, to rise above timer resolution for the small case. */
function sample(c, i) {
  const t0 = performance.now();
  for (let k = 0; k < c.batch; k++) c.run(i * c.batch + k);
  return (performance.now() - t0) / c.batch;
}

const times = new Map(cases.map((c) => [c.name, []]));
for (let i = 0; i < 10; i++) for (const c of cases) sample(c, i); // warm-up: JIT, memo of the repeated documents
for (let i = 0; i < samples; i++) for (const c of cases) times.get(c.name).push(sample(c, i));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (name) => pct(times.get(name), 50);
console.log(`node ${process.version}, ${samples} samples per case; 200-line doc: ${doc200.split('\n').length} lines, 10k doc: ${doc10k.split('\n').length} lines`);
console.log(`findings: 200 lines ${validate(doc200, opts).findings.length}, 10k lines ${validate(doc10k, opts).findings.length}`);
console.table(
  cases.map((c) => ({ case: c.name, 'median ms': median(c.name).toFixed(3), 'p95 ms': pct(times.get(c.name), 95).toFixed(3) })),
);
const r200 = median('validate 200 lines') / median('peer 200 lines');
const r10k = median('validate 10k lines') / median('peer 10k lines');
console.log(`ratio validate/peer: 200 lines ${r200.toFixed(2)}x, 10k lines ${r10k.toFixed(2)}x`);
const ok200 = median('validate 200 lines') < 2;
const ok10k = median('validate 10k lines, new keys') < 50;
console.log(`goals: 200 lines < 2 ms ${ok200 ? 'met' : 'MISSED'}; 10k lines (new keys) < 50 ms ${ok10k ? 'met' : 'MISSED'}`);
