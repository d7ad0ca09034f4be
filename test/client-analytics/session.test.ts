// One analytics panel's host-side logic against the real service, with the webview replaced by a
// recorder of posted messages: each message the page would get fits the protocol; queries round-
// trip; the page's bad messages are ignored; disposing closes the stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../dashboard/support/poll';
import { HostToWebviewSchema, type HostToWebview } from '../../shared/src/webview-protocol';
import { ApiClient } from '../../client/src/api/client';
import { AnalyticsSession } from '../../client/src/analytics/session';
import { startService, tempDataDir, toolsEvents, type RunningService } from '../dashboard/support/service';

function fakeWebview() {
  const posted: HostToWebview[] = [];
  let listener: (raw: unknown) => void = () => {};
  const waiters: (() => void)[] = [];
  return {
    posted,
    port: {
      post: (m: HostToWebview) => {
        posted.push(HostToWebviewSchema.parse(m)); // what the page would accept
        waiters.splice(0).forEach((w) => w());
        return Promise.resolve(true);
      },
      onMessage: (l: (raw: unknown) => void) => {
        listener = l;
        return { dispose: () => (listener = () => {}) };
      },
    },
    send: (raw: unknown) => listener(raw),
    until: (pred: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
        const check = () => (pred() ? (clearTimeout(t), resolve()) : waiters.push(check));
        check();
      }),
  };
}

describe('AnalyticsSession against the service', () => {
  const data = tempDataDir();
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ dataDir: data.dir });
  });
  afterAll(async () => {
    await service.close();
    data.remove();
  });

  it('answers ready, relays batches of items, runs queries, ignores bad messages, stops on dispose', async () => {
    const w = fakeWebview();
    const logs: string[] = [];
    let asked = 0;
    const s = new AnalyticsSession({ port: w.port, serviceUrl: service.url, token: await service.token(['analytics:read']), setAdminToken: () => void asked++, log: (l) => void logs.push(l) });
    s.start();
    w.send({ type: 'ready' });
    await w.until(() => w.posted.some((m) => m.type === 'state' && m.state.status === 'connected'), 'connected');
    expect(w.posted).toContainEqual({ type: 'config', serviceUrl: service.url });
    expect(service.deps.hub.size).toBe(1);

    await new ApiClient({ baseUrl: service.url, token: await service.token(['events:write']) }).postEvents(toolsEvents(30, 9));
    const events = () => w.posted.flatMap((m) => (m.type === 'items' ? m.items.filter((i) => i.kind === 'event') : []));
    await w.until(() => events().length === 30, '30 events');
    expect(w.posted.filter((m) => m.type === 'items').length).toBeLessThan(30); // batched, not one message per event

    w.send({ type: 'query', requestId: 7, query: { type: 'tools', range: '1h', aggregations: [{ fn: 'count', as: 'n' }] } });
    await w.until(() => w.posted.some((m) => m.type === 'queryResult'), 'the query result');
    expect(w.posted.find((m) => m.type === 'queryResult')).toMatchObject({ requestId: 7, result: { ok: true, response: { rows: [{ n: 30 }] } } });

    w.send({ type: 'query', requestId: 8, query: { type: 'tools', range: 'never' } });
    await w.until(() => w.posted.filter((m) => m.type === 'queryResult').length === 2, 'the failed query');
    // Checked in the host before it reaches the service: the page's messages are untrusted input.
    expect(w.posted.filter((m) => m.type === 'queryResult')[1]).toMatchObject({ requestId: 8, result: { ok: false, failure: { kind: 'bad-request', status: null, issues: expect.arrayContaining([expect.stringMatching(/^range: /)]) as string[] } } });

    w.send({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    w.send({ type: 'setAdminToken' });
    expect(logs).toContain('analytics: ignored a message from the page that does not fit the protocol');
    expect(asked).toBe(1);

    s.dispose();
    expect(s.state.status).toBe('off');
    const count = w.posted.length;
    w.send({ type: 'ready' });
    expect(w.posted).toHaveLength(count);
    await poll(() => service.deps.hub.size).toBe(0); // the service saw the stream close
  });

  it('reconnects with a new token', async () => {
    const w = fakeWebview();
    const s = new AnalyticsSession({ port: w.port, serviceUrl: service.url, token: await service.token(['events:write']), setAdminToken: () => {}, log: () => {} });
    s.start();
    await w.until(() => w.posted.some((m) => m.type === 'state' && m.state.status === 'unauthorised'), '403');
    s.reconfigure(service.url, await service.token(['analytics:read']));
    await w.until(() => w.posted.some((m) => m.type === 'state' && m.state.status === 'connected'), 'connected with the new token');
    s.dispose();
  });
});
