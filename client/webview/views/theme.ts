// Chart colours come from CSS custom properties (media/dashboard.css): VS Code's theme variables in
// the webview, a light/dark palette (prefers-color-scheme) in the browser. uPlot draws on a canvas,
// which cannot use var(), so the values are read here and the charts rebuilt when the theme changes.
export interface Palette {
  fg: string;
  muted: string;
  grid: string;
  anomaly: string;
  font: string;
  series: string[];
}

const SERIES_VARS = 6;

export function readPalette(el: Element): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  const series: string[] = [];
  for (let i = 1; i <= SERIES_VARS; i++) series.push(v(`--m1-series-${i}`, '#888'));
  return {
    fg: v('--m1-fg', '#333'),
    muted: v('--m1-muted', '#777'),
    grid: v('--m1-grid', 'rgba(128,128,128,0.2)'),
    anomaly: v('--m1-anomaly', '#d00'),
    font: v('--m1-chart-font', '11px sans-serif'),
    series,
  };
}

/** Calls `onChange` when VS Code switches theme (body class) or the OS switches light/dark. */
export function watchTheme(doc: Document, win: Window, onChange: () => void): void {
  new MutationObserver(onChange).observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  win.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', onChange);
}
