// Parse throughput of parseEnv() (values identical to dotenv's, plus the span of every key, export,
// separator, value and inline comment, duplicates marked, and a line index) against dotenv.parse() on
// the same generated 10,000-line realistic file, in one run. Goal: ours >= 1.0x dotenv's speed.
// parseEnv classifies lines and collects comments on first access to `.lines` / `.comments`; the third
// case reads `.lines` after each parse, so it pays for that too.
//
// Run: `node bench/parse.bench.mjs [rounds]` (bundles the TypeScript with esbuild on the fly; default
// 20 rounds). A sample is the CPU time of this process (process.cpuUsage, so other processes on a shared
// machine do not count) over 20 parses in a row, garbage collection included as it falls; the order of
// the cases alternates per round so that GC debt and noise hit them alike. The ratio is the figure.
import { createRequire } from 'node:module';
import { bundleTs } from './bundle.mjs';

const rounds = Number(process.argv[2] ?? 20);
const require = createRequire(import.meta.url);

const { parseEnv } = (await bundleTs(`export { parseEnv } from './server/src/parser/parse';`, 'bench-parse')).mod;
const dotenv = require('dotenv');

/** Deterministic PRNG (LCG), so that every run parses the same text. */
function rng(seed) {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/**
 * A realistic .env of `lines` lines: section comments, blank lines, upper-case keys, URLs, numbers,
 * booleans, quoted values with blanks, `export`, inline comments, `${...}` references, and now and then
 * a multi-line PEM key in double quotes.
 */
export function makeEnvFile(lines, seed = 42) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const words = ['api', 'cache', 'db', 'queue', 'auth', 'mail', 'search', 'billing', 'metrics', 'feature'];
  const out = [];
  let n = 0;
  while (out.length < lines) {
    const kind = r();
    const name = `${pick(words).toUpperCase()}_${pick(words).toUpperCase()}_${n++}`;
    if (kind < 0.08) out.push(`# ${pick(words)} settings for the ${pick(words)} service`);
    else if (kind < 0.16) out.push('');
    else if (kind < 0.36) out.push(`${name}_URL=https://${pick(words)}-${n}.internal.example.com:${1000 + Math.floor(r() * 9000)}/v1`);
    else if (kind < 0.5) out.push(`${name}_TIMEOUT_MS=${Math.floor(r() * 60000)}`);
    else if (kind < 0.58) out.push(`${name}_ENABLED=${pick(['true', 'false'])}`);
    else if (kind < 0.68) out.push(`${name}_LABEL="${pick(words)} ${pick(words)} ${n}"`);
    else if (kind < 0.74) out.push(`export ${name}_REGION=${pick(['us-east-1', 'eu-west-1', 'ap-south-1'])} # region`);
    else if (kind < 0.8) out.push(`${name}_TOKEN='${Math.floor(r() * 2 ** 32).toString(36)}${Math.floor(r() * 2 ** 32).toString(36)}'`);
    else if (kind < 0.86) out.push(`${name}_DSN=postgres://app:\${DB_PASSWORD}@db-${n}:5432/app`);
    else if (kind < 0.862 && out.length + 4 < lines) {
      out.push(`${name}_KEY="-----BEGIN PUBLIC KEY-----`, 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo', '4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u', '-----END PUBLIC KEY-----"');
    } else out.push(`${name}=${pick(words)}-${Math.floor(r() * 1e9)}`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const text = makeEnvFile(10_000);
const ours = parseEnv(text);
const theirs = dotenv.parse(text);
if (JSON.stringify(Object.entries(ours.values)) !== JSON.stringify(Object.entries(theirs))) {
  throw new Error('parseEnv and dotenv.parse disagree on the benchmark file');
}

const BATCH = 20;
/** CPU milliseconds per parse, over BATCH parses in a row. */
function sample(parse) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) parse(text);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000 / BATCH;
}

const cases = [
  ['parseEnv', (s) => parseEnv(s)],
  ['parseEnv + .lines', (s) => parseEnv(s).lines],
  ['dotenv.parse', (s) => dotenv.parse(s)],
];
const times = new Map(cases.map(([name]) => [name, []]));
for (let i = 0; i < 30; i++) for (const [, f] of cases) f(text); // warm-up
for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? cases : [...cases].reverse();
  for (const [name, f] of order) times.get(name).push(sample(f));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mbs = (ms) => (text.length / 1e6 / (ms / 1000)).toFixed(0);
const rows = cases.map(([name]) => {
  const t = times.get(name);
  return { name, median: median(t), min: Math.min(...t) };
});
console.log(`file: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB, ${ours.entries.length} entries; node ${process.version}; ${rounds} rounds of ${BATCH} parses per case`);
for (const r of rows) console.log(`${r.name.padEnd(20)} median ${r.median.toFixed(3)} ms  min ${r.min.toFixed(3)} ms  (${mbs(r.median)} MB/s)`);
const peer = rows[2];
for (const r of rows.slice(0, 2)) {
  console.log(`speed ratio ${r.name} / dotenv.parse: ${(peer.median / r.median).toFixed(2)}x (median), ${(peer.min / r.min).toFixed(2)}x (min)`);
}
