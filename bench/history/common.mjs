// Shared by the history benchmarks: the bundle of what they drive, a scratch schema, data generation.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { bundleTs } from '../bundle.mjs';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.M1_ANALYTICS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TOOLS = ['search', 'fetch_url', 'sql_query', 'code_exec', 'summarize', 'translate', 'embed', 'rerank', 'ocr', 'transcribe'];
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export async function bundleHistory() {
  const { mod } = await bundleTs(
    `export { PgHistory } from './service/src/history/pg-history';
     export { HistoryWriter, copyLine, insertRollups } from './service/src/history/writer';
     export { emptyStats, addValue, coarsen } from './service/src/history/rollup-build';
     export { QuantileSketch } from './service/src/history/sketch';
     export { EVENT_COLUMNS } from './service/src/history/columns';
     export { QuerySchema } from './shared/src/query';
     export { percentiles } from './service/src/analytics/percentiles';`,
    'bench-history',
  );
  return mod;
}

export function scratchSchema(label) {
  return `bench_${label}_${randomBytes(3).toString('hex')}`;
}

/** A deterministic stream of tools events: `perMinute` per minute, lognormal durations per tool. */
export function generator(seed = 42) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return () => {
    const t = Math.floor(rnd() * TOOLS.length);
    const z = Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
    const durationMs = Math.round(100 * (1 + t) * Math.exp(0.5 * z) * 100) / 100;
    const r = rnd();
    return { t, status: r < 0.02 ? 'error' : r < 0.03 ? 'timeout' : 'ok', durationMs, tokens: Math.floor(rnd() * 4000) };
  };
}

export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}
