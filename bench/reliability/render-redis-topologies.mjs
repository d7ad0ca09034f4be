// RELIABILITY.md's section on production Redis topologies (issue 15): the figures of
// test/reliability/redis-cluster-faults.test.ts and redis-sentinel-faults.test.ts. Kept apart from
// render.mjs so that the sections other work adds there do not collide with this one.

const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v === undefined || v === null ? '—' : String(v));
const get = (o, path) => path.split('.').reduce((x, k) => (x && typeof x === 'object' ? x[k] : undefined), o);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(n).join(' | ')} |`)].join('\n');
const outcomes = (o) => (o && typeof o === 'object' ? Object.entries(o).map(([k, v]) => `${k} ×${n(v)}`).join(', ') : '—');

export function renderRedisTopologies(S) {
  const f = (section, path) => get(S[section]?.figures, path);
  const missing = (section) => (S[section] ? '' : `\n_Not measured: the test file \`${section}\` wrote no figures in this run._\n`);
  const c = (p) => f('redis-cluster-faults', p);
  const s = (p) => f('redis-sentinel-faults', p);
  return `## Production Redis: Cluster and Sentinel under faults

Reproduce (the long sizes; \`npm run test:reliability\` runs them with the rest):

\`\`\`sh
M1_RELIABILITY=long npx vitest run test/reliability/redis-cluster-faults.test.ts test/reliability/redis-sentinel-faults.test.ts --no-file-parallelism
\`\`\`

Each file starts its own Redis topology on free loopback ports (\`test/support/redis-cluster.ts\`: 6
\`redis-server --cluster-enabled yes\`, \`redis-cli --cluster create … --cluster-replicas 1\`,
\`cluster-node-timeout 1000\`; \`test/support/redis-sentinel.ts\`: a primary, a replica, three
\`redis-server sentinel.conf --sentinel\` with quorum 2 and \`down-after-milliseconds 1000\`; no persistence:
durability comes from replication alone) and two service instances in the test process (the same
\`createDeps\` + \`buildApp\` as \`m1-ops serve\`) with \`REDIS_REVOCATION_MIN_REPLICAS\` 1. Revocations
come from 16 concurrent clients spread over both instances, each retrying a 503 every 50 ms as a real
client would, so every revocation ends acknowledged. "Lost" = acknowledged (200) but absent from Redis
after the fault, looked up on a fresh connection. A watcher looks 20 tokens revoked before the fault
up in the store (under the cache: every answer comes from Redis) throughout; each answer must be
\`revoked\` or a failed lookup (the check fails closed), never "not revoked".

### Cluster: a primary SIGKILLed at a third of a burst of revocations
${missing('redis-cluster-faults')}
The killed primary is the one that owns the invalidation channel's slot, so every instance's sharded
subscription must follow it; afterwards a revocation made on one instance must reach the other's feed.
The killed node is restarted once its replica has taken over (what an orchestrator does) and rejoins
as that replica's replica. Until then revocations whose record lives on that shard answer 503: the new
primary has no replica to confirm them (\`WAIT\`), which is the point of \`REDIS_REVOCATION_MIN_REPLICAS\`.

${table(['revocations', 'acknowledged', '503 answers (retried)', 'acknowledged lost', 'revoked tokens admitted', 'failover (ms)', 'replica back (ms)', 'writes refused for (ms)'], [[c('burst.revocations'), c('burst.acknowledged'), c('burst.refused503'), c('burst.lost'), c('burst.revokedAdmitted'), c('burst.failoverMs'), c('burst.replicaRejoinedMs'), c('burst.writesRefusedForMs')]])}

Watcher answers during the fault: ${outcomes(c('burst.watcherOutcomes'))}. Failover = from the SIGKILL until
the replica owns the slots and reports \`cluster_state:ok\`; both instances' /healthz said ok again
${n(c('burst.healthzOkAfterMs'))} ms after the burst ended, with no restart of either.

### Cluster: slots resharded under load

While one client posts events one after another to both instances (retrying a 503) and revocations
run, the events' slot is migrated key by key to another primary (\`CLUSTER SETSLOT … MIGRATING/IMPORTING\`,
\`MIGRATE\`: ASK while it moves, MOVED after), then \`redis-cli --cluster reshard\` moves a block of
slots between the two other primaries. Both instances' SSE streams must hold every acknowledged event
once, with consecutive ids, identical to each other.

${table(['events', 'acknowledged', 'refused (retried)', 'events lost', 'streams identical', 'ids consecutive', 'slots moved', 'reshard (ms)', 'revocations', 'revocations lost'], [[c('reshard.events'), c('reshard.eventsAcknowledged'), c('reshard.eventsRefused'), c('reshard.eventsLost'), c('reshard.streamsIdentical'), c('reshard.idsConsecutive'), c('reshard.slotsMoved'), c('reshard.reshardMs'), c('reshard.revocations'), c('reshard.revocationsLost')]])}

Redis errors counted on /metrics by instance a over both cluster tests: ${(c('reshard.metrics') ?? []).map((l) => `\`${l}\``).join(', ') || '—'}.

### Sentinel: one sentinel partitioned, then the primary SIGKILLed during a burst
${missing('redis-sentinel-faults')}
The first sentinel in \`REDIS_SENTINELS\` (the one clients ask first) is stopped (SIGSTOP: it accepts
connections and answers nothing); then the primary is killed at a third of the burst. The other two
sentinels are a quorum and promote the replica; the old primary is restarted as a replica of the new one.

${table(['revocations', 'acknowledged', '503 answers (retried)', 'acknowledged lost', 'revoked tokens admitted', 'failover (ms)', 'replica back (ms)', 'writes refused for (ms)'], [[s('failover.revocations'), s('failover.acknowledged'), s('failover.refused503'), s('failover.lost'), s('failover.revokedAdmitted'), s('failover.failoverMs'), s('failover.replicaRejoinedMs'), s('failover.writesRefusedForMs')]])}

Watcher answers during the fault: ${outcomes(s('failover.watcherOutcomes'))}. After the partitioned sentinel
resumed, all three agreed on the primary within ${n(s('failover.sentinelsAgreeAfterResumeMs'))} ms.

### Found and fixed on the way

- **A cluster node as REDIS_URL**: every write answered 503 (MOVED, CROSSSLOT) while /healthz said ok.
  Such a configuration now refuses to start, naming REDIS_CLUSTER_NODES; /healthz writes and reads.
- **ioredis' Sentinel failover detector ended the client for good** when a \`+switch-master\` arrived
  while the client was still connecting (status \`end\`, every later command refused): it is off; a
  closed connection or a READONLY answer sends the client back to the sentinels.
- **A partitioned sentinel held the search for the primary** (no answer, no timeout): sentinel
  commands now time out after REDIS_CONNECT_TIMEOUT_MS and the next sentinel is asked.
- **Auto-pipelining across slots handed MOVED to the caller** during a reshard: per-slot lookups are
  now separate commands (ioredis follows each redirection), and the revocation write (script + \`WAIT\`
  in one pipeline) refreshes the slot map and is resent on MOVED/ASK/TRYAGAIN.
`;
}
