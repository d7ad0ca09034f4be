import { describe, expect, it } from 'vitest';
import { CheckConnectivityRequest } from '../../shared/src/protocol';
import { COMMANDS, checkConnectivity, connectivitySummary, insertSecret } from './commands';
import type { CommandHost, EditorHandle } from './host';

/** A CommandHost that records what the commands did (the VS Code side is vscode-host.ts). */
function host(editor?: Partial<EditorHandle>, answer: unknown = undefined) {
  const log = { info: [] as string[], warn: [] as string[], clipboard: [] as string[], inserted: [] as string[], requests: [] as [string, unknown][] };
  const h: CommandHost = {
    activeEditor: () =>
      editor && {
        uri: 'file:///w/.env',
        languageId: 'dotenv',
        insertAtSelections: (t) => {
          log.inserted.push(t);
          return Promise.resolve(true);
        },
        ...editor,
      },
    request: (method, params) => {
      log.requests.push([method, params]);
      return Promise.resolve(answer);
    },
    info: (m) => log.info.push(m),
    warn: (m) => log.warn.push(m),
    copyToClipboard: (t) => {
      log.clipboard.push(t);
      return Promise.resolve();
    },
    showOutput: () => undefined,
    restartServer: () => Promise.resolve(),
  };
  return { h, log };
}

describe('the command table', () => {
  it('has unique ids in the m1ops namespace and every command of product.md', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('m1ops.'))).toBe(true);
    expect(COMMANDS.map((c) => c.title)).toEqual(
      expect.arrayContaining(['Revoke Token', 'Revoke All Tokens of a User or Tool', 'Check Token Status', 'Audit Token Revocations', 'Open Live Analytics', 'Set Admin Token', 'Check Connectivity', 'Generate Secret']),
    );
  });

  it('says plainly when the analytics and token commands were not provided at activation', async () => {
    const t = host();
    await COMMANDS.find((c) => c.id === 'm1ops.revokeToken')?.run(t.h);
    expect(t.log.warn).toEqual([expect.stringMatching(/^M1: the analytics and token commands are not ready/)]);
  });
});

describe('Generate Secret', () => {
  it('inserts a fresh 64-character base64url secret at the cursor and shows it nowhere else', async () => {
    const t = host({});
    await insertSecret(t.h);
    expect(t.log.inserted).toHaveLength(1);
    expect(t.log.inserted[0]).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(t.log.info).toEqual([]);
  });

  it('copies to the clipboard when there is no editor, without displaying the secret', async () => {
    const t = host();
    await insertSecret(t.h);
    expect(t.log.clipboard[0]).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(t.log.info.join()).not.toContain(t.log.clipboard[0]);
  });
});

describe('Check Connectivity', () => {
  it('asks the server about the active .env file and summarises the answer', async () => {
    const answer = { checked: true, keys: ['REDIS_URL', 'DATABASE_URL'], unreachable: [{ key: 'REDIS_URL', message: 'refused' }], cached: false };
    const t = host({}, answer);
    await checkConnectivity(t.h);
    expect(t.log.requests).toEqual([[CheckConnectivityRequest.method, { uri: 'file:///w/.env' }]]);
    expect(t.log.warn).toEqual(['M1: 1 of 2 unreachable: REDIS_URL. See the Problems panel.']);
  });

  it('refuses other languages and rejects a malformed answer', async () => {
    const other = host({ languageId: 'json' });
    await checkConnectivity(other.h);
    expect(other.log.requests).toEqual([]);
    const bad = host({}, { checked: 'yes' });
    await checkConnectivity(bad.h);
    expect(bad.log.warn[0]).toContain('unexpected answer');
  });

  it('summaries', () => {
    expect(connectivitySummary({ checked: true, keys: ['REDIS_URL'], unreachable: [], cached: true })).toEqual({ ok: true, message: 'M1: all reachable: REDIS_URL (answers from the last 30 s).' });
    expect(connectivitySummary({ checked: true, keys: [], unreachable: [], cached: false }).message).toContain('nothing to check');
    expect(connectivitySummary({ checked: false, keys: [], unreachable: [], cached: false }).ok).toBe(false);
  });
});
