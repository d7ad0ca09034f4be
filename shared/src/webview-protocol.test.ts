import { describe, expect, it } from 'vitest';
import { HostToWebviewSchema, MAX_ITEMS_PER_MESSAGE, WebviewToHostSchema } from './webview-protocol';

const event = { kind: 'event', event: { id: '1', type: 'health', ts: 5, component: 'db', status: 'up' } };

describe('webview protocol', () => {
  it('accepts what each side sends', () => {
    expect(HostToWebviewSchema.parse({ type: 'items', items: [event], dropped: 0 })).toEqual({ type: 'items', items: [event], dropped: 0 });
    expect(HostToWebviewSchema.parse({ type: 'state', state: { status: 'reconnecting', attempt: 2, retryAt: 10 } }).type).toBe('state');
    const fail = { ok: false, failure: { kind: 'forbidden', status: 403, message: 'm', issues: [] } };
    expect(HostToWebviewSchema.parse({ type: 'queryResult', requestId: 3, result: fail }).type).toBe('queryResult');
    expect(WebviewToHostSchema.parse({ type: 'query', requestId: 1, query: { type: 'tools' } }).type).toBe('query');
  });

  it('rejects malformed or oversized messages', () => {
    expect(HostToWebviewSchema.safeParse({ type: 'items', items: [{ kind: 'event', event: { id: '1', type: 'nope' } }], dropped: 0 }).success).toBe(false);
    const many = Array.from({ length: MAX_ITEMS_PER_MESSAGE + 1 }, () => event);
    expect(HostToWebviewSchema.safeParse({ type: 'items', items: many, dropped: 0 }).success).toBe(false);
    expect(WebviewToHostSchema.safeParse({ type: 'query', requestId: 1, query: 'select *' }).success).toBe(false);
    expect(WebviewToHostSchema.safeParse({ type: 'runCommand', command: 'workbench.action.terminal.new' }).success).toBe(false);
  });
});
