// Colour only for people: when stdout is a terminal and NO_COLOR (https://no-color.org) is unset
// or empty. FORCE_COLOR wins over both, as in Node itself (FORCE_COLOR=0 or false forces it off).
import type { Level } from '../../../../shared/src/findings';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  green(s: string): string;
  level(l: Level, s: string): string;
}

export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY === true && env.TERM !== 'dumb';
}

const sgr =
  (open: string, close: string) =>
  (s: string): string =>
    `\x1b[${open}m${s}\x1b[${close}m`;

const LEVEL_SGR: Record<Level, (s: string) => string> = {
  critical: sgr('1;35', '22;39'), // bold magenta: stands out from plain errors
  error: sgr('31', '39'),
  warning: sgr('33', '39'),
  info: sgr('36', '39'),
};

const identity = (s: string): string => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { bold: identity, dim: identity, underline: identity, green: identity, level: (_l, s) => s };
  return {
    bold: sgr('1', '22'),
    dim: sgr('2', '22'),
    underline: sgr('4', '24'),
    green: sgr('32', '39'),
    level: (l, s) => LEVEL_SGR[l](s),
  };
}
