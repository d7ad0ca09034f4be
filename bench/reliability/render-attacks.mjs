// The attack table of RELIABILITY.md (issue 11): one row per attack, what the test tried, what the
// service did and the figure of the run, from the `attacks-load` and `attacks-tokens` sections. The
// section sits between two markers so that `report.mjs --splice` can replace it alone after running
// only the attack files.

export const START = '<!-- attacks:start -->';
export const END = '<!-- attacks:end -->';

const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v === undefined || v === null ? '—' : String(v));
const get = (o, path) => path.split('.').reduce((x, k) => (x && typeof x === 'object' ? x[k] : undefined), o);
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const health = (h) => (h ? `/healthz: ${n(h.checks)} probes, ${n(h.failures)} failed, p50 ${n(h.p50Ms)} ms, p99 ${n(h.p99Ms)} ms, max ${n(h.maxMs)} ms` : '/healthz: —');

export function renderAttacks(summary) {
  const S = summary.sections;
  const L = (p) => get(S['attacks-load']?.figures, p);
  const T = (p) => get(S['attacks-tokens']?.figures, p);
  const missing = ['attacks-load', 'attacks-tokens'].filter((s) => !S[s]);
  const q = L('heavyQueries.answers') ?? [];
  const rows = [
    ['Slow unauthenticated bodies (High 1)', `${n(L('slowBodies.sockets'))} sockets: \`POST\` with \`Content-Length: 1000000\`, no Authorization, one body byte a second, to \`/v1/events\` (half), an unknown path and \`/healthz\``, 'answered in `onRequest`, before any body byte (token check, 404, 405), with `Connection: close`', `${n(L('slowBodies.answered401'))} × 401, ${n(L('slowBodies.answered404'))} × 404, ${n(L('slowBodies.answered405'))} × 405; all closed by the server within ${n(L('slowBodies.allClosedMs'))} ms; ${health(L('slowBodies.healthz'))}`],
    ['Slow headers (High 1)', `${n(L('slowHeadersAndBodies.slowHeaderSockets'))} sockets that never finish their headers`, '408 in the error shape at `M1_HEADERS_TIMEOUT_MS` (2 s here), socket closed', `all closed after ${n(L('slowHeadersAndBodies.slowHeadersClosedAfterMs'))} ms; ${health(L('slowHeadersAndBodies.healthz'))}`],
    ['Authenticated slow body, requests in flight (High 1)', 'one token: 4 slow bodies (`M1_MAX_REQUESTS_PER_TOKEN=4`), then a fifth request', `408 at \`M1_REQUEST_TIMEOUT_MS\` (3 s here); the fifth: ${n(L('slowHeadersAndBodies.extraRequestStatus'))} + \`Retry-After\``, `bodies cut after ${n(L('slowHeadersAndBodies.slowBodiesClosedAfterMs'))} ms; the token works again afterwards`],
    ['Connection flood (High 1)', `${n(L('connectionCap.cap'))} held sockets against \`M1_MAX_CONNECTIONS=${n(L('connectionCap.cap'))}\`, then one more`, `${n(L('connectionCap.refusedStatus'))} + \`Retry-After\` written on the raw socket (nothing parsed), error shape`, `recovered once the header timeout freed the sockets: ${n(L('connectionCap.recoveredAfterHeaderTimeout'))}`],
    ['Live streams (Medium 4)', `more than ${n(L('streamCaps.perToken'))} streams for one token, more than ${n(L('streamCaps.total'))} in all`, `${n(L('streamCaps.overPerToken'))} (per token) / ${n(L('streamCaps.overTotal'))} (total) + \`Retry-After\`; a closed stream frees its slot`, health(L('streamCaps.healthz'))],
    ['Tag bomb (High 2)', `2 batches of ${n(L('tagBomb.eventsPerBatch'))} \`health\` events with ${n(L('tagBomb.uniqueTagNamesPerEvent'))} unique tag names each`, `${(L('tagBomb.statuses') ?? []).join(', ') || '—'} \`too_many_tags\` naming the items; tags are stored sparsely (nothing for absent tags)`, `RSS ${n(L('tagBomb.rssBeforeMiB'))} → ${n(L('tagBomb.rssAfterMiB'))} MiB (the attack took it from 239 MB to 1.30 GB)`],
    ['Tags loaded from the Redis stream (High 2)', `a fresh instance loads ${n(L('streamLoad.eventsInStream'))} events with ${n(L('streamLoad.distinctTagNames'))} distinct tag names written by an instance with a higher cap`, `keeps its own cap (${n(L('streamLoad.capOfLoader'))} names): later tags dropped and counted (\`m1_analytics_tags_dropped\`), rows kept`, `${n(L('streamLoad.tagsDropped'))} tags dropped; RSS of the loader ${n(L('streamLoad.rssLoaderMiB'))} MiB`],
    ['Heavy queries (Medium 5)', `${n(L('heavyQueries.events'))} \`tools\` events with unique tool names, grouped by tool with ${n(L('heavyQueries.percentiles'))} percentiles, ${n(L('heavyQueries.concurrent'))} at once`, 'run in slices of ~5 ms, two at a time, under `M1_QUERY_TIMEOUT_MS`; more than 100,000 groups refused (400 `query_too_large`) while scanning', `grouped by tool: ${q.map((a) => `${a.status}${a.code ? ` ${a.code}` : ''} in ${n(a.ms)} ms`).join('; ') || '—'}; ${health(L('heavyQueries.healthz'))}. The same 64 percentiles by status and minute (fits): ${(L('heavyQueries.fitting') ?? []).map((a) => `${a.status} in ${n(a.ms)} ms`).join('; ') || '—'}; ${health(L('heavyQueries.healthzFitting'))}`],
    ['Revoked operator token (High 3)', 'a token revoked by jti, and one of a subject revoked with revoke-all, on all 8 authenticated routes, embedded and Redis', '401 `token revoked` on every route (the revocation checker runs in `onRequest`)', `admitted: embedded ${n(T('revokedEverywhere.admitted.embedded'))}, Redis ${n(T('revokedEverywhere.admitted.redis'))}`],
    ['Open stream of a revoked or expiring token (High 3)', 'a stream open while its token is revoked (on its instance, and on another instance of the same Redis), or its subject revoke-all-ed; one whose token expires 2 s after it opened', 'ended with a last comment `: stream closed: token revoked` / `… token expired`', `closed ${n(T('streamsClosed.embeddedRevokedMs'))} ms (embedded), ${n(T('streamsClosed.redisRevokedMs'))} ms (Redis, same instance) and ${n(T('streamsClosed.otherInstanceRevokedMs'))} ms (Redis, stream on another instance) after the revocation was sent; ${n(T('streamsClosed.otherInstanceRevokeAllMs'))} ms after a revoke-all of its subject on another instance`],
    ['Undoing a revocation (Medium 6)', '`revoke {"jti","exp":1000}` and `exp: now+1` after a real revocation', 'monotonic in both stores: the first record stays, the lifetime only grows; survives a restart', `Redis TTL ${n(T('monotonic.redisTtlBeforeS'))} s before, ${n(T('monotonic.redisTtlAfterShortenS'))} s after the attempts; embedded revoked after undo + restart: ${n(T('monotonic.embeddedRevokedAfterUndoAndRestart'))}`],
    ['Out-of-range input (Low 11)', '`exp` 8.64e12 (body and token), `until=1900-01-01`, `since` past year 9999', '400, no store error counted', `embedded ${(T('badInput.embedded') ?? []).join('/')}, Redis ${(T('badInput.redis') ?? []).join('/')}`],
    ['Two services on one M1_DATA_DIR (Medium 7)', 'a second `m1-ops serve` on a directory in use', 'exits 1: "M1_DATA_DIR … is in use by process <pid> on <host> (since …)"', `exit code ${n(T('dataDirLock.secondExitCode'))}, names the holder: ${n(T('dataDirLock.namesHolderPid'))}`],
    ['Introspection of application tokens', 'an application token (JWT_SECRET), before and after its revocation; an operator token', '`active: true` with `token_use: "application"`, then `active: false`; operator tokens `token_use: "operator"`', `${n(T('introspection.liveAppToken'))} → ${n(T('introspection.revokedAppToken'))}`],
    ['Low 8, 10, 12-14', '`?access%5Ftoken=<JWT>`; a cursor re-written with `from: 0`; `"as": "__proto__"`; `__proto__` in a body; a jti `" spaced "`; a claim error with quotes; 20 KB of headers', 'logged as `access%5Ftoken=[REDACTED]`; 400 `invalid_cursor` (HMAC); `__proto__` an ordinary row key; 400 `forbidden_key`; jti kept exact; `error_description` in the RFC 6750 character set; 431 in the error shape', `forged cursor ${n(T('low.forgedCursor'))}, headers ${n(T('low.headersTooLarge'))}`],
  ];
  const head = ['attack', 'tried', 'the service', 'figure of the run'];
  const table = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  return `${START}
## 14. Attacks (issue 11): what was tried, what the service did
${missing.length ? `\n_Not measured: ${missing.map((m) => `\`${m}\``).join(', ')} wrote no figures in this run._\n` : ''}
Every attack of issue 11, repeated against real \`m1-ops serve\` processes (embedded store, and Redis
under a private prefix), with /healthz probed on fresh connections throughout. Figures of the
${summary.mode} mode, ${summary.generatedAt}. Reproduce:

\`\`\`sh
npx vitest run test/reliability/attacks-load.test.ts test/reliability/attacks-tokens.test.ts     # short mode (npm test)
M1_RELIABILITY=long npx vitest run test/reliability/attacks-load.test.ts test/reliability/attacks-tokens.test.ts --no-file-parallelism
node bench/reliability/report.mjs --splice                                                      # rewrites this section only
\`\`\`

${table}

Limits kept on purpose: a flood of slow-header connections larger than \`M1_MAX_CONNECTIONS\` makes new
connections (including /healthz) wait up to \`M1_HEADERS_TIMEOUT_MS\` for a free slot (there is no per-IP
cap: behind a balancer every client has its address); string field dictionaries (e.g. \`tool\`) are not
capped like tags, they are bounded by the rows within retention.
${END}
`;
}
