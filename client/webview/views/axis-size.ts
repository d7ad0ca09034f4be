// The width of a chart's y axis, from its widest label. uPlot's default (50 px) and the fixed 64 px
// used before clipped wide labels on the left: "10000 ms" was drawn as "0000 ms".
import type uPlot from 'uplot';

/** uPlot's defaults for the y axis: tick length and gap between the ticks and the labels. */
const TICK = 10;
const GAP = 5;
/** Room left of the widest label (the canvas edge) so no glyph touches it. */
const MARGIN = 6;
const MIN = 40;

/** Axis size in CSS pixels for labels measured by `measure` (CSS pixels). */
export function yAxisSize(labels: readonly (string | null | undefined)[] | null | undefined, measure: (text: string) => number): number {
  let widest = 0;
  for (const l of labels ?? []) if (l) widest = Math.max(widest, measure(l));
  return Math.max(MIN, Math.ceil(widest) + TICK + GAP + MARGIN);
}

/** A uPlot `axis.size` that fits the labels drawn in `font`. */
export function fittedAxisSize(font: string): uPlot.Axis.Size {
  const ctx = document.createElement('canvas').getContext('2d');
  const measure = (text: string): number => {
    if (!ctx) return text.length * 8; // no canvas (never in a browser): a generous estimate
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  return (_u, values) => yAxisSize(values, measure);
}
