// The y axis of the latency chart was clipped on the left ("0000 ms" for 10000 ms).
import { expect, it } from 'vitest';
import { yAxisSize } from '../../client/webview/views/axis-size';

// A monospace stand-in for canvas text measurement: 7 px per character (11px sans-serif digits).
const measure = (s: string): number => s.length * 7;

it('fits the widest label: 10000 ms is not clipped to "0000 ms"', () => {
  const size = yAxisSize(['0 ms', '5000 ms', '10000 ms'], measure);
  // The label (56 px) plus the ticks and the gap uPlot draws between them and the label.
  expect(size).toBeGreaterThanOrEqual(measure('10000 ms') + 10 + 5);
  expect(size).toBeGreaterThan(64); // the fixed size that clipped it
});

it('grows with the labels and keeps a minimum for short or missing ones', () => {
  expect(yAxisSize(['100000 ms'], measure)).toBeGreaterThan(yAxisSize(['10000 ms'], measure));
  expect(yAxisSize(['1'], measure)).toBe(40);
  expect(yAxisSize(null, measure)).toBe(40);
  expect(yAxisSize([null, '', undefined], measure)).toBe(40);
});
