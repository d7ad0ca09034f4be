// Renders RELIABILITY.md from the merged figures (report.mjs). The prose says what each fault test
// does; every number comes from the figures of the run. A missing section (its test file failed
// before writing) shows as "not measured".
import { renderAttacks } from './render-attacks.mjs';
import { renderRedisTopologies } from './render-redis-topologies.mjs';

const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v === undefined || v === null ? '—' : String(v));
const get = (o, path) => path.split('.').reduce((x, k) => (x && typeof x === 'object' ? x[k] : undefined), o);

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(n).join(' | ')} |`)].join('\n');
}

export function render(summary) {
  const S = summary.sections;
  const f = (section, path) => get(S[section]?.figures, path);
  const missing = (section) => (S[section] ? '' : `\n_Not measured: the test file \`${section}\` wrote no figures in this run._\n`);
  const machine = Object.values(S)[0]?.machine ?? {};
  const loads = Object.values(S)
    .map((s) => `${s.section} ${s.machine.loadavg1m}`)
    .join(', ');
  const out = [];
  out.push(`# Reliability under faults, load and hostile input

Figures of one run of the ${summary.mode} mode on this machine (${n(machine.cpus)} cores, Node ${machine.node ?? '?'}), generated
${summary.generatedAt} by \`bench/reliability/report.mjs\` from \`test-results/reliability.json\`
(exit status of the suite: ${summary.exitStatus === null ? 'not recorded' : summary.exitStatus}). The machine was shared with
other work during the run (1-minute load average when each test file finished: ${loads}), so durations
are what a loaded 2-core machine gives, not what the code can do; the counts (events lost, revoked
tokens admitted, leaks) do not depend on the load.

Reproduce:

\`\`\`sh
npm run test:reliability            # long mode (M1_RELIABILITY=long), one file at a time, then this report
npx vitest run test/reliability     # short mode: the same tests at small sizes, part of npm test
\`\`\`

Everything runs as real processes on 127.0.0.1: \`node bin/m1-ops.js serve\` (\`dist/\`, built once by
vitest's global setup), private \`redis-server\`s (append-only file with \`appendfsync always\` where a test
restarts Redis; \`requirepass\` in the secrets test), the language server over stdio, the \`eventsource\`
client and raw sockets. No test sleeps to synchronise: they wait for events, log lines and answers, and
poll with a deadline only where nothing announces the condition (a killed port, a TTL elapsing, Redis
answering again). Bounds (a request answered, a validation finished) are checked; speeds are reported.
`);

  out.push(`## 1. Three instances on one Redis: every event to every client, once, in one order
${missing('cluster-delivery')}
Three \`m1-ops serve\` processes share a private Redis. SSE clients (\`eventsource\`) are spread over the
three; events are posted to all three concurrently. Each client must hold every posted event exactly
once, with consecutive ids, in the same order as every other client.

${table(['instances', 'clients', 'events', 'events lost', 'duplicates', 'all delivered (ms)'], [[f('cluster-delivery', 'exactlyOnce.instances'), f('cluster-delivery', 'exactlyOnce.clients'), f('cluster-delivery', 'exactlyOnce.events'), f('cluster-delivery', 'exactlyOnce.eventsLost'), f('cluster-delivery', 'exactlyOnce.duplicates'), f('cluster-delivery', 'exactlyOnce.deliveredAllMs')]])}

## 2. An instance killed mid-stream

New clients spread over the three instances; a steady producer posts to two of them; after a third of
the events one instance gets SIGKILL. Its clients' EventSource reconnects (retry 2 s) through a
"balancer" (its \`fetch\`) to another instance, sending \`Last-Event-ID\`; that instance replays from its
buffer. Every client must end with every event once, in order, without a \`reset\`.

${table(['clients', 'clients moved', 'events', 'rate (events/s)', 'events lost', 'duplicates', 'resets', 'reconnected after (ms, slowest client)'], [[f('cluster-delivery', 'instanceKilled.clients'), f('cluster-delivery', 'instanceKilled.clientsMoved'), f('cluster-delivery', 'instanceKilled.events'), f('cluster-delivery', 'instanceKilled.ratePerS'), f('cluster-delivery', 'instanceKilled.eventsLost'), f('cluster-delivery', 'instanceKilled.duplicates'), f('cluster-delivery', 'instanceKilled.resets'), f('cluster-delivery', 'instanceKilled.failoverMs')]])}
`);

  const rr = (k) => f('cluster-faults', `redisRestart.${k}`);
  const rec = rr('recoveryMsAfterRedisBack') ?? {};
  out.push(`## 3. Redis killed and restarted under three instances
${missing('cluster-faults')}
Three instances (revocation cache TTL 1 s, command timeout 300 ms) and SSE clients on each. A token is
revoked, then Redis gets SIGKILL and stays down for ${n(rr('outageMs'))} ms. Throughout the outage every
instance is asked, in a loop, to introspect the revoked token and a never-seen token, to ingest an
event and for /healthz; the library checker (\`createRevocationChecker\`, as an application embeds it)
checks both tokens too. Then Redis starts again (same port, its append-only file), and the test waits
for each instance to take events, answer revocation checks and report ok again, with no restart of
any service process.

Answers during the outage (all instances): ${Object.entries(rr('answersDuringOutage') ?? {})
    .map(([k, v]) => `\`${k}\` ×${n(v)}`)
    .join(', ')}.

${table(['revoked or uncheckable tokens admitted (instances)', '… (library)', 'events acknowledged', 'events lost', 'service restarts', 'all recovered after Redis was back (ms)'], [[rr('revokedOrUncheckedAdmittedByInstances'), rr('revokedOrUncheckedAdmittedByLibrary'), rr('eventsAcknowledged'), rr('eventsLost'), rr('serviceRestarts'), rr('allRecoveredMs')]])}

Recovery per instance after Redis answered again (ms): ${Object.entries(rec)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join('; ')}. (Ingestion comes back last: the event store's command connection reconnects with ioredis'
backoff; revocation checks use their own fail-fast connections, 50 ms doubling to 1 s.)

## 4. Pub/sub connections killed

\`CLIENT KILL TYPE pubsub\` drops every subscriber (${n(f('cluster-faults', 'pubsubKilled.pubsubClientsKilled'))}: the three instances and the library),
then a token that two instances and the library hold as "allowed" in their caches is revoked on the
third. Checked: by the time the cache TTL (${n(f('cluster-faults', 'pubsubKilled.cacheTtlS'))} s) has passed, all of them deny it.
Observed: first denial after the revocation was acknowledged (ms): ${Object.entries(f('cluster-faults', 'pubsubKilled.firstDeniedMsAfterAck') ?? {})
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ')} (the subscribers reconnect within ~50 ms and drop their caches, so enforcement is
usually far inside the TTL; the TTL is the bound). Revoked tokens admitted after the TTL: ${n(f('cluster-faults', 'pubsubKilled.revokedAdmittedAfterTtl'))}.

## 5. A burst of revocations across the instances

${table(['revocations', 'in flight', 'acknowledged', 'took (ms)', 'per second', 'admitted by the library', 'admitted by instances (sampled tokens × 3 instances)'], [[f('cluster-faults', 'revocationBurst.revocations'), f('cluster-faults', 'revocationBurst.concurrency'), f('cluster-faults', 'revocationBurst.acknowledged'), f('cluster-faults', 'revocationBurst.burstMs'), f('cluster-faults', 'revocationBurst.perSecond'), f('cluster-faults', 'revocationBurst.revokedAdmittedByLibrary'), `${n(f('cluster-faults', 'revocationBurst.revokedAdmittedByInstances'))} of ${n(f('cluster-faults', 'revocationBurst.instanceChecks'))}`]])}

Every acknowledged revocation is checked with the library checker afterwards; a sample of tokens that
the other instances had cached as allowed before the burst is introspected on all three instances.
`);

  const k9 = (k) => f('embedded-restart', `kill9DuringRevocations.${k}`);
  const ids = (k) => f('embedded-restart', `idsAfterRestart.${k}`);
  out.push(`## 6. The embedded store killed with SIGKILL during a burst of revocations
${missing('embedded-restart')}
\`m1-ops serve\` without Redis (revocations in \`M1_DATA_DIR/revocations.log\`), ${n(k9('burst'))} revocations with
${n(k9('concurrency'))} in flight, SIGKILL after a third were acknowledged, restart on the same directory.

${table(['acknowledged before the kill', 'not acknowledged (in flight or refused)', 'acknowledged but lost after restart', 'audit entries lost', 'restart (ms)'], [[k9('acknowledgedBeforeKill'), k9('notAcknowledged'), k9('acknowledgedLostAfterRestart'), k9('auditEntriesLost'), k9('restartMs')]])}

## 7. Event ids across a restart of the embedded store

Before this work a restarted embedded store numbered events from 1 again, so a client reconnecting with
an id of the previous run could be "replayed" other events carrying the ids it asked for. Now the new
run starts above every id the previous run handed out (see "Bugs found and fixed"). Observed after a
SIGKILL: previous run's last id ${n(ids('oldRunLastId'))}, new run's first id ${n(ids('newRunFirstId'))}; a client resuming with the old
id got a \`${ids('oldLastEventIdGot') ?? '—'}\` and ${n(ids('replayedWrongEvents'))} wrongly replayed events.
`);

  const L = (k) => f('load', `sseClients.${k}`);
  const SC = (k) => f('load', `slowClients.${k}`);
  out.push(`## 8. Load: SSE clients with steady ingestion, memory
${missing('load')}
One instance (Redis store). ${n(L('clients'))} SSE clients (raw HTTP, counting ids as they arrive) stay connected for
${n(L('durationS'))} s of steady ingestion at ${n(L('eventsPerS'))} events/s. Every client must get every event once, in order.
The service's RSS is sampled every second; the check is that it does not keep growing from the middle
of the run to its end.

${table(['clients', 'events', 'frames delivered', 'events lost', 'RSS start (MiB)', 'RSS middle', 'RSS end', 'RSS max'], [[L('clients'), L('events'), L('framesDelivered'), L('eventsLost'), L('rssMiB.start'), L('rssMiB.middle'), L('rssMiB.end'), L('rssMiB.max')]])}

## 9. Clients that never read

${n(SC('stalledClients'))} raw sockets send the stream request and never read; ${n(SC('normalClients'))} normal clients read. Events of ~2 KiB
are posted until the service has cut every stalled client at its 1 MiB backlog (\`m1_sse_disconnects_total{reason="backlog"}\`).

${table(['stalled clients', 'cut at the backlog', 'posted until all were cut (MiB)', 'events lost by the normal clients', 'RSS before (MiB)', 'RSS at the cut', 'RSS after'], [[SC('stalledClients'), SC('cutAtBacklog'), SC('postedMiBUntilAllCut'), SC('normalEventsLost'), SC('rssMiB.beforeStall'), SC('rssMiB.atCut'), SC('rssMiB.after')]])}
`);

  const st = f('fuzz-http', 'statusesByRoute') ?? {};
  const five = Object.values(st).reduce((acc, m) => acc + Object.entries(m).filter(([s]) => Number(s) >= 500).reduce((a, [, c]) => a + c, 0), 0);
  out.push(`## 10. Hostile input over HTTP (fast-check)
${missing('fuzz-http')}
Every route's body (JSON near the schemas with hostile values, any JSON, random bytes, 200,000-deep
nesting, bodies over 1 MiB, random content types), the DSL (queries that pass the schema with extreme
ranges, intervals, percentiles and windows, and queries hostile in shape), the stream's query string
and raw \`Last-Event-ID\` bytes, JWT-shaped junk for the revocation routes, random methods, paths and
Authorization headers. Each request must be answered within 20 s with a status below 500; /healthz is
asked every 250 ms throughout; no error may be logged.

${table(['route', 'answers by status'], Object.entries(st).map(([route, m]) => [route, Object.entries(m).map(([s, c]) => `${s} ×${c}`).join(', ')]))}

5xx answers: ${n(five)}. /healthz: ${n(f('fuzz-http', 'healthz.checks'))} checks, ${n(f('fuzz-http', 'healthz.failures'))} failures${(f('fuzz-http', 'healthz.reasons') ?? []).length ? ` (${f('fuzz-http', 'healthz.reasons').join('; ')})` : ''}, slowest ${n(f('fuzz-http', 'healthz.slowestMs'))} ms. (The probe runs in the test process, which also
generates the inputs, up to 1.2 MB each; the slowest probe measures both processes. Bodies nested
200,000 deep and the heaviest DSL queries the limits allow were timed alone against the service
afterwards: each answered in under 0.3 s.)

## 11. Auth
${missing('auth')}
JWT_ISSUER and JWT_AUDIENCE configured; every authenticated route × every kind of bad credential,
each request carrying a body its handler would act on. Afterwards: no event stored, no revocation,
no audit entry, no stream registered.

${table(['credential', 'answers (all routes)'], Object.entries(f('auth', 'refusals.outcomes') ?? {}).map(([k, m]) => [k, Object.entries(m).map(([s, c]) => `${s} ×${c}`).join(', ')]))}

Requests that reached a handler: ${n(f('auth', 'refusals.reachedAHandler'))}.

## 12. Hostile documents for the language server
${missing('hostile-lsp')}
The real server over stdio. Each document is opened while a small one is edited and hovered (it must
stay responsive: validation runs off the main thread); the big one's validation run must be reported
within 90 s and hover, outline, completion and code actions on it answered within 30 s; the server
must end with exit code 0.

${table(['document', 'characters', 'opened → validated (ms)', 'outcome'], Object.entries(f('hostile-lsp', 'documents') ?? {}).map(([k, d]) => [k, d.chars || '—', d.ms, d.outcome]))}

## 13. Secrets in output
${missing('secrets')}
Known values: M1_ADMIN_JWT_SECRET, JWT_SECRET, the password of a \`requirepass\` Redis (and a wrong one),
the DATABASE_URL password, and tokens (admin, revoked through the API and the CLI, tampered), each as
the full JWT and as its signature. They are in the services' environment, in \`.env\` files validated by
the CLI (text, JSON, SARIF, \`--connectivity\`) and opened in the language server (diagnostics, hover on
every line, outline, code actions, connectivity check), and in requests (headers, \`?access_token=\`,
JSON and form bodies). Failures are provoked: wrong Redis password, a production refusal, Redis killed
under the service, 401s, 400s. \`m1-ops parse\` is left out (printing values is its job).

Secrets checked: ${n((f('secrets', 'scan.secretsChecked') ?? []).length)}; outputs captured: ${n(f('secrets', 'scan.outputsCaptured'))} (${n(f('secrets', 'scan.bytesCaptured'))} bytes);
leaks: ${n((f('secrets', 'scan.leaks') ?? []).length)}. Fix edits (\`newText\`, the document's own text sent back to the editor, e.g. a
value without its quotes) are not counted as output; ${n(f('secrets', 'lspEditsHoldingDocumentText'))} secret values were found only there.
`);

  out.push(renderAttacks(summary));

  if (S['redis-cluster-faults'] || S['redis-sentinel-faults']) out.push(renderRedisTopologies(S));
  out.push(`## Bugs found and fixed

- **Embedded event ids restarted at 1** (service/src/store): a client's Last-Event-ID from before a
  restart could fall inside the new run's buffer and be answered with other events. The store now
  reserves ids in blocks of 1,000,000 in \`M1_DATA_DIR/events.seq\` (temp file, fsync, rename, directory
  fsync) before handing any of them out, and a new run starts above the last reservation: ids stay
  monotonic and gap-free within a run, jump between runs, and an old id gets \`reset\`
  (\`service/src/store/embedded.test.ts\`, section 7).
- **substitution-key was quadratic** (server/src/rules/syntax): each unclosed \`\${\` rescanned the rest of
  the value; 100,000 of them took about 30 s in the language server and blocked its main thread through
  the fix-all code action. Now one brace-matching pass (same findings; compared with the old
  implementation on 20,000 random values).
- **circular-reference on a huge cycle** (server/src/rules/interpolation): a 10,000-key cycle produced
  10,000 messages each listing the 10,000-key path (quadratic time and text); validation hit the
  server's 60 s limit. Cycles over 100 keys are now reported with their size instead of the path.

- **A lagging instance answered a moving client with \`reset\` and duplicates** (service/src/sse,
  routes/stream.ts; found reading the fail-over path, not observed in these runs): a client moving from
  instance A to instance B with an id that B's feed had not delivered yet (B's XREAD behind Redis) got
  \`reset\` (reason \`ahead\`) and then the events up to its id again. The stream route now asks the store
  for its sequence when an id is ahead of the instance; an id the store has handed out registers the
  client with "skip through this id" instead of a reset (\`service/src/sse/feed-lag.test.ts\`).

## Known limits (not fixed here)

- **The /healthz probe failures of the first long run**: the first long run counted 2 failed /healthz
  probes during the HTTP fuzz, answered in under 17 ms (so not a hang). The probe then shared fetch's
  keep-alive pool with the fuzz requests, whose connections the server closes after some errors; it now
  uses a fresh connection per probe and records the reason. Not seen again in later long runs of that
  file (including the run reported here); the reason of those two is unknown.
- **Fix-all on the language server's main thread**: without \`codeAction/resolve\` support (or on resolve),
  \`fixAllEdit\` runs the engine on the main thread; a document that is slow to validate blocks hover and
  completion for that long. The two rule fixes above remove the slow cases found here.
- **Fix edits carry values**: the quote-character fix and fix-all replace whole values, so their
  \`newText\` (in \`Diagnostic.data\`) holds secret values of the document; minimal edits (deleting the
  quote characters) would not.
`);
  return out.join('\n');
}
