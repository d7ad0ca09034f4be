// SHORT (default, part of `npm test`: a few seconds per fault) or LONG (`M1_RELIABILITY=long`,
// `npm run test:reliability`: the sizes the issue names, figures written for RELIABILITY.md).
export const LONG = process.env.M1_RELIABILITY === 'long';
export const MODE: 'short' | 'long' = LONG ? 'long' : 'short';

/** The short-mode value, or the long-mode one. */
export function scale<T>(short: T, long: T): T {
  return LONG ? long : short;
}

/** Generous per-test timeout: bounds a hang on a loaded 2-core machine, asserts no speed. */
export function budget(shortMs: number, longMs: number): number {
  return scale(shortMs, longMs);
}
