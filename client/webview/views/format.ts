// Number formats of the figures and tables. Fixed to en-US so that what the tests read is what a
// user sees, whatever the machine's locale.
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export const fmtInt = (n: number): string => int.format(n);
export const fmtRate = (n: number | null): string => (n === null ? '–' : `${one.format(n)}/s`);
export const fmtMs = (n: number | null): string => (n === null ? '–' : `${n < 10 ? one.format(n) : int.format(n)} ms`);
export const fmtPct = (n: number | null): string => (n === null ? '–' : `${one.format(n)} %`);
export const fmtUsd = (n: number | null): string => (n === null ? '–' : usd.format(n));
export const fmtTime = (ms: number): string => new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
export const fmtDateTime = (ms: number): string => new Date(ms).toLocaleString('en-GB', { hour12: false });

/** A query result cell: numbers formatted, objects as compact JSON, long text cut. */
export function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? int.format(v) : one.format(v);
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 199)}…` : v;
  if (typeof v === 'boolean') return String(v);
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}
