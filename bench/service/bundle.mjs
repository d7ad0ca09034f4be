// Bundles the service's TypeScript for the benchmarks with esbuild (no `npm run build` needed):
// one CommonJS file exporting what the benchmarks drive, loaded with require().
import { bundleTs } from '../bundle.mjs';

export { root } from '../bundle.mjs';

export async function bundleService() {
  return bundleTs(
    `export { buildApp } from './service/src/app';
     export { createDeps, closeDeps } from './service/src/deps';
     export { loadConfig } from './service/src/config';
     export { SCOPES, signAdminToken } from './service/src/http/auth';
     export { AnalyticsEngine } from './service/src/analytics/engine';
     export { QuerySchema } from './shared/src/query';
     export { toStored } from './service/src/store/types';`,
    'bench-service',
  );
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
