// Blank lines as the two blank-line rules see them: a trailing empty "line" after the final line break
// is not a line anyone typed, and blank lines at the end of the file belong to ending-blank-line.
import type { RuleContext } from '../../engine/types';

/** Index of the last line that is not blank (or -1), ignoring the empty remainder after the final break. */
export function lastContentLine(ctx: RuleContext): number {
  const { lines } = ctx.parsed;
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.kind !== 'blank') return i;
  return -1;
}
