// inconsistent, Redis part: one topology at a time (REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS),
// the Sentinel master name with the sentinels, credentials/TLS variables where they apply, and in
// production TLS and a password for a cluster or Sentinel (REDIS_URL's own checks cover it there).
import type { Finding } from '../../../../shared/src/findings';
import type { RuleContext } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { setEntry, valueOrDefault } from '../support/view';

const TOPOLOGIES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;
const FOR_NODES = ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_SENTINEL_PASSWORD', 'REDIS_TLS'] as const;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export function redisTopology(ctx: RuleContext): Finding[] {
  if (ctx.isExample) return [];
  const out: Finding[] = [];
  const set = TOPOLOGIES.filter((k) => setEntry(ctx, k));
  if (set.length > 1) {
    const at = setEntry(ctx, set[1] as string);
    if (at) {
      out.push(finding('inconsistent', 'error', `${set.join(' and ')} are all set: the service uses one Redis topology at a time (a standalone server, a cluster, or Sentinel). Keep the one you run and remove the other${set.length > 2 ? 's' : ''}.`, valueRange(ctx, at.entry), { key: at.entry.key }));
    }
    return out;
  }
  const sentinels = setEntry(ctx, 'REDIS_SENTINELS');
  const master = setEntry(ctx, 'REDIS_SENTINEL_MASTER');
  if (sentinels && !master) {
    out.push(finding('inconsistent', 'error', 'REDIS_SENTINELS is set but REDIS_SENTINEL_MASTER is not: the sentinels need the name they monitor the primary under (e.g. REDIS_SENTINEL_MASTER=mymaster).', valueRange(ctx, sentinels.entry), { key: 'REDIS_SENTINEL_MASTER' }));
  }
  if (master && !sentinels) {
    out.push(finding('inconsistent', 'warning', 'REDIS_SENTINEL_MASTER is set but REDIS_SENTINELS is not: it is ignored. Add the sentinels, or remove it.', valueRange(ctx, master.entry), { key: 'REDIS_SENTINEL_MASTER' }));
  }
  if (setEntry(ctx, 'REDIS_URL') || set.length === 0) {
    for (const k of FOR_NODES) {
      const e = setEntry(ctx, k);
      if (!e || (k === 'REDIS_TLS' && e.value === 'false')) continue;
      const why = set.length === 0 ? 'no cluster or Sentinel is configured' : `with REDIS_URL ${k === 'REDIS_TLS' ? 'TLS is the rediss:// scheme' : 'credentials go in the URL'}`;
      out.push(finding('inconsistent', 'warning', `${k} is for REDIS_CLUSTER_NODES or REDIS_SENTINELS, and ${why}: it is ignored.`, valueRange(ctx, e.entry), { key: k }));
    }
    return out;
  }
  const topo = (setEntry(ctx, 'REDIS_CLUSTER_NODES') ?? sentinels) as NonNullable<typeof sentinels>;
  if (!ctx.prodLike || topo.value.split(',').every((h) => LOOPBACK.test(h.trim()))) return out;
  if (valueOrDefault(ctx, 'REDIS_TLS') !== 'true') {
    out.push(finding('inconsistent', 'warning', `${topo.entry.key} in ${ctx.profile} without REDIS_TLS=true: revocations and credentials cross the network in clear text. Enable TLS on the nodes and set REDIS_TLS=true.`, valueRange(ctx, topo.entry), { key: 'REDIS_TLS' }));
  }
  if (!setEntry(ctx, 'REDIS_PASSWORD')) {
    out.push(finding('inconsistent', 'warning', `${topo.entry.key} in ${ctx.profile} without REDIS_PASSWORD: anyone who reaches the nodes can read and delete revocations. Require a password (requirepass or an ACL user) and set REDIS_PASSWORD.`, valueRange(ctx, topo.entry), { key: 'REDIS_PASSWORD' }));
  }
  return out;
}
