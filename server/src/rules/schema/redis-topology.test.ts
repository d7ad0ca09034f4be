import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { inconsistent } from './inconsistent';

const SECRET = 'JWT_SECRET=' + 'k'.repeat(40) + '\n';
const run = (text: string, profile: 'development' | 'production' = 'development') => runRule(inconsistent, SECRET + text, { profile });

describe('inconsistent: Redis topology', () => {
  it('accepts each topology alone', () => {
    expect(run('REDIS_URL=redis://127.0.0.1:6379\n')).toEqual([]);
    expect(run('REDIS_CLUSTER_NODES=10.0.0.1:6379,10.0.0.2:6379\n')).toEqual([]);
    expect(run('REDIS_SENTINELS=10.0.0.1:26379\nREDIS_SENTINEL_MASTER=mymaster\n')).toEqual([]);
    expect(run('REDIS_CLUSTER_NODES=r0.internal:6379\nREDIS_TLS=true\nREDIS_PASSWORD=' + 'p'.repeat(24) + '\n', 'production')).toEqual([]);
  });

  it('refuses two topologies at once', () => {
    const [f] = run('REDIS_URL=redis://a:6379\nREDIS_CLUSTER_NODES=b:6379\n');
    expect(f).toMatchObject({ level: 'error', key: 'REDIS_CLUSTER_NODES' });
    expect(f?.message).toContain('one Redis topology at a time');
  });

  it('needs REDIS_SENTINEL_MASTER with REDIS_SENTINELS, and flags it alone', () => {
    expect(run('REDIS_SENTINELS=s:26379\n')).toMatchObject([{ level: 'error', key: 'REDIS_SENTINEL_MASTER' }]);
    expect(run('REDIS_URL=redis://a\nREDIS_SENTINEL_MASTER=m\n')).toMatchObject([{ level: 'warning', key: 'REDIS_SENTINEL_MASTER' }]);
  });

  it('flags node credentials and TLS next to REDIS_URL as ignored', () => {
    const f = run('REDIS_URL=redis://a\nREDIS_PASSWORD=' + 'p'.repeat(24) + '\nREDIS_TLS=true\n');
    expect(f.map((x) => x.key)).toEqual(['REDIS_PASSWORD', 'REDIS_TLS']);
    expect(f[0]?.message).toContain('credentials go in the URL');
    expect(f[0]?.message).not.toContain('p'.repeat(24));
  });

  it('wants TLS and a password for a cluster or Sentinel in production (not on loopback)', () => {
    const f = run('REDIS_SENTINELS=s1.internal:26379\nREDIS_SENTINEL_MASTER=m\n', 'production');
    expect(f.map((x) => [x.level, x.key])).toEqual([['warning', 'REDIS_TLS'], ['warning', 'REDIS_PASSWORD']]);
    expect(run('REDIS_CLUSTER_NODES=127.0.0.1:7000\n', 'production')).toEqual([]);
  });
});
