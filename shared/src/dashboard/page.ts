// The analytics page's HTML, one template for both hosts: the VS Code webview (resources from the
// webview's cspSource, events by postMessage) and the service's GET /dashboard (same origin, events
// by EventSource). The static skeleton is here so the page has its landmarks and labels before the
// script runs; client/webview/ fills it in through the ids below.

export type DashboardMode = 'webview' | 'browser';

export interface DashboardPageOptions {
  /** Fresh per response: at least 16 base64/base64url characters. */
  nonce: string;
  scriptUri: string;
  /** media/dashboard.css; it @imports vendor/uPlot.min.css relative to itself. */
  styleUri: string;
  /**
   * Where styles may come from: the webview's `cspSource`; 'self' for the browser page. A real
   * VS Code gives several sources separated by spaces (`'self' https://*.vscode-cdn.net`).
   */
  cspSource?: string;
  mode: DashboardMode;
}

/** Element ids shared by the template and the script. */
export const IDS = {
  connection: 'm1-connection',
  countdown: 'm1-countdown',
  retry: 'm1-retry',
  setToken: 'm1-set-token',
  pause: 'm1-pause',
  notice: 'm1-notice',
  noticeText: 'm1-notice-text',
  noticeDismiss: 'm1-notice-dismiss',
  figures: 'm1-figures',
  figuresLive: 'm1-figures-live',
  chartThroughput: 'm1-chart-throughput',
  chartLatency: 'm1-chart-latency',
  chartErrors: 'm1-chart-errors',
  chartCost: 'm1-chart-cost',
  latencyType: 'm1-latency-type',
  anomalies: 'm1-anomalies',
  anomaliesEmpty: 'm1-anomalies-empty',
  queryForm: 'm1-query-form',
  queryText: 'm1-query-text',
  queryPreset: 'm1-query-preset',
  queryStatus: 'm1-query-status',
  queryTable: 'm1-query-table',
} as const;

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
/** One source expression: a host or scheme source, or 'self'; never a keyword that widens the policy. */
const CSP_SOURCE = /^[^\s;,'"]+$|^'self'$/;

/** The source list, each expression checked: nothing can end the directive or add a keyword. */
function cspSources(raw: string): string {
  const sources = raw.trim().split(/[ \t]+/);
  if (raw.trim() === '' || !sources.every((s) => CSP_SOURCE.test(s))) {
    throw new Error('dashboard: cspSource must be a list of CSP source expressions (hosts, schemes or \'self\')');
  }
  return sources.join(' ');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The Content-Security-Policy of the page (also sent as a header by the service). */
export function dashboardCsp(o: Pick<DashboardPageOptions, 'nonce' | 'cspSource' | 'mode'>): string {
  if (!NONCE.test(o.nonce)) throw new Error('dashboard: the nonce must be at least 16 base64 characters');
  const src = cspSources(o.cspSource ?? "'self'");
  return [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${src}`,
    // The browser page reads /v1/stream and posts /v1/query on its own origin; the webview talks
    // only to the extension host, so it may connect nowhere.
    ...(o.mode === 'browser' ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const PRESETS = [
  ['tools-p95', 'Tools: p95 duration by tool, last hour'],
  ['errors-by-code', 'Errors: count by code and severity, last hour'],
  ['costs-per-minute', 'Costs: USD per minute, last hour'],
  ['cache-hit-rate', 'Cache: events by operation, last 15 minutes'],
] as const;

export function renderDashboardHtml(o: DashboardPageOptions): string {
  const csp = dashboardCsp(o);
  const webview = o.mode === 'webview';
  const options = PRESETS.map(([v, label]) => `<option value="${v}">${esc(label)}</option>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>M1 Live Analytics</title>
<link rel="stylesheet" href="${esc(o.styleUri)}">
</head>
<body class="m1-dashboard" data-mode="${o.mode}">
<header class="m1-bar">
  <h1>M1 Live Analytics</h1>
  <p class="m1-connection-line"><span id="${IDS.connection}" class="m1-connection" role="status" data-status="reconnecting">Connecting…</span>
    <span id="${IDS.countdown}" class="m1-countdown" aria-hidden="true"></span></p>
  <button id="${IDS.retry}" type="button" hidden>Retry now</button>
  ${webview ? `<button id="${IDS.setToken}" type="button" hidden>Set Admin Token…</button>` : ''}
  <button id="${IDS.pause}" type="button" aria-pressed="false">Pause</button>
</header>
<div id="${IDS.notice}" class="m1-notice" role="alert" hidden>
  <span id="${IDS.noticeText}"></span>
  <button id="${IDS.noticeDismiss}" type="button">Dismiss</button>
</div>
<main>
  <section aria-labelledby="m1-figures-h">
    <h2 id="m1-figures-h">Key figures <span class="m1-hint">(last 10 s)</span></h2>
    <dl id="${IDS.figures}" class="m1-figures"></dl>
    <p id="${IDS.figuresLive}" class="m1-visually-hidden" aria-live="polite"></p>
  </section>
  <section aria-labelledby="m1-charts-h" class="m1-charts">
    <h2 id="m1-charts-h">Charts <span class="m1-hint">(last 5 minutes, 1 s resolution)</span></h2>
    <figure><figcaption id="${IDS.chartThroughput}-c">Throughput per event type (events/s)</figcaption>
      <div id="${IDS.chartThroughput}" class="m1-chart" role="img" aria-labelledby="${IDS.chartThroughput}-c" aria-describedby="${IDS.chartThroughput}-d"></div>
      <p id="${IDS.chartThroughput}-d" class="m1-visually-hidden"></p></figure>
    <figure><figcaption id="${IDS.chartLatency}-c">Latency / duration percentiles (ms) of
      <label class="m1-inline"><span class="m1-visually-hidden">event type</span><select id="${IDS.latencyType}">
        <option value="tools">tools</option><option value="cache">cache</option><option value="policy">policy</option><option value="health">health</option>
      </select></label></figcaption>
      <div id="${IDS.chartLatency}" class="m1-chart" role="img" aria-labelledby="${IDS.chartLatency}-c" aria-describedby="${IDS.chartLatency}-d"></div>
      <p id="${IDS.chartLatency}-d" class="m1-visually-hidden"></p></figure>
    <figure><figcaption id="${IDS.chartErrors}-c">Error rate per event type (%)</figcaption>
      <div id="${IDS.chartErrors}" class="m1-chart" role="img" aria-labelledby="${IDS.chartErrors}-c" aria-describedby="${IDS.chartErrors}-d"></div>
      <p id="${IDS.chartErrors}-d" class="m1-visually-hidden"></p></figure>
    <figure><figcaption id="${IDS.chartCost}-c">Cost per minute (USD, rolling 60 s)</figcaption>
      <div id="${IDS.chartCost}" class="m1-chart" role="img" aria-labelledby="${IDS.chartCost}-c" aria-describedby="${IDS.chartCost}-d"></div>
      <p id="${IDS.chartCost}-d" class="m1-visually-hidden"></p></figure>
  </section>
  <section aria-labelledby="m1-anomalies-h">
    <h2 id="m1-anomalies-h">Anomalies</h2>
    <p id="${IDS.anomaliesEmpty}">None so far.</p>
    <table id="${IDS.anomalies}" class="m1-table" hidden>
      <caption class="m1-visually-hidden">Anomalies, newest first</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Mean</th><th scope="col">z</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="m1-query-h">
    <h2 id="m1-query-h">Query</h2>
    <form id="${IDS.queryForm}" class="m1-query">
      <label for="${IDS.queryPreset}">Example</label>
      <select id="${IDS.queryPreset}">${options}</select>
      <label for="${IDS.queryText}">Query (JSON, see the DSL in docs/analytics.md) — Ctrl+Enter runs it</label>
      <textarea id="${IDS.queryText}" rows="10" spellcheck="false"></textarea>
      <button type="submit">Run query</button>
    </form>
    <p id="${IDS.queryStatus}" role="status" aria-live="polite"></p>
    <div class="m1-table-wrap"><table id="${IDS.queryTable}" class="m1-table" hidden><caption class="m1-visually-hidden">Query results</caption><thead></thead><tbody></tbody></table></div>
  </section>
</main>
<script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>
`;
}
