// Bundles the service's TypeScript for the benchmarks with esbuild (no `npm run build` needed):
// one CommonJS file exporting what the benchmarks drive, loaded with require().
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export async function bundleService() {
  const out = join(mkdtempSync(join(tmpdir(), 'm1-svc-bench-')), 'service.cjs');
  await build({
    stdin: {
      contents: `export { buildApp } from './service/src/app';
                 export { createDeps, closeDeps } from './service/src/deps';
                 export { loadConfig } from './service/src/config';
                 export { SCOPES, signAdminToken } from './service/src/http/auth';
                 export { AnalyticsEngine } from './service/src/analytics/engine';
                 export { QuerySchema } from './shared/src/query';
                 export { toStored } from './service/src/store/types';`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ['node20'],
    logLevel: 'warning',
    external: ['pg-native'],
  });
  return { file: out, mod: require(out) };
}

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

export function summarize(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), min: s[0], max: s[s.length - 1], n: s.length };
}

export const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
