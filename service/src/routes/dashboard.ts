// GET /dashboard: a placeholder until the analytics UI (the webview's page) lands. It shows the live
// stream's counters so `npm start` has something to look at; the token comes from the URL fragment
// (`/dashboard#token=...`), which browsers never send to the server, so it is never logged.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginCallback } from 'fastify';

function page(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>M1 Ops - live analytics</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body{font:14px system-ui,sans-serif;margin:2rem;color:#222;background:#fafafa}
table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}#state{font-weight:bold}.anomaly{color:#b00}
</style></head><body>
<h1>M1 Ops - live analytics</h1>
<p>Placeholder until the analytics UI lands. Connection: <span id="state">connecting…</span></p>
<table><thead><tr><th>type</th><th>events</th><th>last 1 s</th><th>error rate</th><th>p95</th><th>cost $</th></tr></thead><tbody id="rows"></tbody></table>
<h2>Anomalies</h2><ul id="anomalies"></ul>
<script nonce="${nonce}">
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const state = document.getElementById('state');
if (!token) { state.textContent = 'open this page as /dashboard#token=<admin token> (npm start prints the link)'; }
else {
  const totals = {}; const last = {};
  const es = new EventSource('/v1/stream?rollup=1s&access_token=' + encodeURIComponent(token));
  es.onopen = () => { state.textContent = 'live'; };
  es.onerror = () => { state.textContent = 'reconnecting…'; };
  for (const t of ['cache','policy','tools','costs','errors','health']) es.addEventListener(t, () => { totals[t] = (totals[t] || 0) + 1; });
  es.addEventListener('rollup', (m) => { const r = JSON.parse(m.data); Object.assign(last, r.types); render(); });
  es.addEventListener('anomaly', (m) => { const a = JSON.parse(m.data); const li = document.createElement('li'); li.className = 'anomaly';
    li.textContent = new Date(a.to).toLocaleTimeString() + ' ' + a.type + ' ' + a.metric + ' = ' + a.value.toFixed(1) + (a.z === null ? '' : ' (z ' + a.z.toFixed(1) + ')');
    const ul = document.getElementById('anomalies'); ul.prepend(li); while (ul.children.length > 20) ul.lastChild.remove(); });
  es.addEventListener('reset', () => { state.textContent = 'live (missed some events)'; });
  function fmt(v, d) { return v === null || v === undefined ? '-' : Number(v).toFixed(d); }
  function render() { const rows = document.getElementById('rows'); rows.textContent = '';
    for (const t of Object.keys(totals).sort()) { const s = last[t] || {}; const tr = document.createElement('tr');
      for (const v of [t, totals[t], s.count ?? 0, fmt(s.errorRate, 3), fmt(s.p95, 1), fmt(s.costUsd, 4)]) { const td = document.createElement('td'); td.textContent = String(v); tr.append(td); }
      rows.append(tr); } }
}
</script></body></html>`;
}

export const dashboardRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get('/dashboard', (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'`)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .send(page(nonce));
  });
  done();
};
