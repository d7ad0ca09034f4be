// perf-threshold: valid values that work but hurt operations. The catalog's numeric thresholds
// ("above X: warning") plus the table's profile-dependent cases without a rule id of their own:
// LOG_LEVEL trace/debug in production, M1_API_BASE_URL on a loopback host in production, and a
// trailing `/` on M1_API_BASE_URL (info). Why these share this id: docs/rules.md#perf-threshold.
import type { Finding } from '../../../../shared/src/findings';
import { numericValue, type Threshold } from '../../catalog';
import { isLoopbackHost, parseUrl, urlHost } from '../../catalog/formats';
import type { Rule, RuleContext } from '../../engine/types';
import { finding, rawContent, rawEdit, setValueFix, valueRange } from '../support/findings';
import { setEntry, view, type KnownEntry } from '../support/view';

function crossed(t: Threshold, n: number): boolean {
  return t.op === '>' ? n > t.value : n < t.value;
}

function thresholds(ctx: RuleContext, k: KnownEntry): Finding[] {
  const { spec, entry, value } = k;
  const n = numericValue(spec, value);
  if (n === undefined || !spec.thresholds) return [];
  // Out-of-range values are already errors; one finding per value is enough.
  if ((spec.type.kind === 'int' || spec.type.kind === 'number') && (n < spec.type.min || n > spec.type.max)) return [];
  return spec.thresholds
    .filter((t) => crossed(t, n))
    .map((t) => {
      const message = `${spec.name} is ${value}, ${t.op === '>' ? 'above' : 'below'} ${t.shown ?? t.value}: ${t.why}.`;
      return finding('perf-threshold', 'warning', message, valueRange(ctx, entry), { key: spec.name });
    });
}

function logLevel(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'LOG_LEVEL');
  if (!ctx.prodLike || !k || (k.value !== 'trace' && k.value !== 'debug')) return [];
  const message = `LOG_LEVEL is ${k.value} in ${ctx.profile}: verbose logging costs CPU and I/O on every request and can record request data. Use info.`;
  // Not safe: it changes a value, which a safe fix never does (docs/rules.md#fix-safety).
  const fixes = [setValueFix(ctx, k.entry, 'info', 'Set LOG_LEVEL to info', false, true)];
  return [finding('perf-threshold', 'warning', message, valueRange(ctx, k.entry), { key: 'LOG_LEVEL', fixes })];
}

function apiBaseUrl(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'M1_API_BASE_URL');
  const u = k && parseUrl(k.value);
  if (!k || !u) return [];
  const out: Finding[] = [];
  if (ctx.prodLike && isLoopbackHost(urlHost(u))) {
    const message =
      `M1_API_BASE_URL points at ${urlHost(u)} in ${ctx.profile}: only this machine can reach it, so clients and the control service elsewhere cannot. ` +
      'Use the DNS name the API is reachable at.';
    out.push(finding('perf-threshold', 'warning', message, valueRange(ctx, k.entry), { key: 'M1_API_BASE_URL' }));
  }
  const raw = rawContent(k.entry).text;
  if (k.value.endsWith('/')) {
    const message = 'M1_API_BASE_URL ends with /: paths joined to it get a double slash (//v1/...), which some proxies reject. Remove the trailing slash.';
    // Not safe, although the service joins paths itself: it changes a value (docs/rules.md#fix-safety).
    const fixes = raw.endsWith('/') ? [{ title: 'Remove the trailing /', edits: [rawEdit(ctx, k.entry, raw.length - 1, 1, '')], safe: false, preferred: true }] : [];
    out.push(finding('perf-threshold', 'info', message, valueRange(ctx, k.entry), { key: 'M1_API_BASE_URL', fixes }));
  }
  return out;
}

export const perfThreshold: Rule = {
  id: 'perf-threshold',
  description: 'Valid values that hurt operations: thresholds such as PORT below 1024 or timeouts above a limit, verbose logging in production.',
  semantic: true,
  catalog: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const k of view(ctx).known) out.push(...thresholds(ctx, k));
    return [...out, ...logLevel(ctx), ...apiBaseUrl(ctx)];
  },
};
