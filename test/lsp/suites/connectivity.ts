// Connectivity: only on save/open per setting or on the command's request, never on a keystroke,
// answers cached for 30 s. A real loopback HTTP server and a port that refuses.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { CheckConnectivityRequest, type CheckConnectivityResult } from '../../../shared/src/protocol';
import { freePort } from '../../support/ports';
import { LspSession, uriOf } from '../harness';

export function connectivitySuite(): void {
  describe('connectivity', () => {
    let api: Server;
    let hits = 0;
    let apiUrl = '';
    let refusedUrl = '';

    beforeAll(async () => {
      api = createServer((_req, res) => {
        hits++;
        res.end('ok');
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      const addr = api.address();
      apiUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      refusedUrl = `http://127.0.0.1:${await freePort()}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    });

    const unreachable = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'unreachable');

    describe('the m1ops/checkConnectivity request', () => {
      let s: LspSession;
      beforeAll(async () => {
        s = await LspSession.start();
      });
      afterAll(async () => {
        await s.stop();
      });

      it('checks on demand, reports unreachable values as diagnostics, and caches the answers', async () => {
        const uri = uriOf('.env');
        await s.open(uri, `M1_API_BASE_URL=${apiUrl}\nM1_ANALYTICS_URL=${refusedUrl}\n`);
        await s.validationRun(uri, 1);
        expect(hits).toBe(0); // opening does not check when the setting is off

        const first = CheckConnectivityRequest.result.parse(await s.conn.sendRequest(CheckConnectivityRequest.method, { uri }));
        expect(first).toMatchObject({ checked: true, keys: ['M1_API_BASE_URL', 'M1_ANALYTICS_URL'], cached: false });
        expect(first.unreachable.map((u) => u.key)).toEqual(['M1_ANALYTICS_URL']);
        expect(hits).toBe(1);
        const published = await s.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && unreachable(p.diagnostics).length > 0);
        expect(unreachable(published.diagnostics).map((d) => d.range.start.line)).toEqual([1]);

        const second: CheckConnectivityResult = CheckConnectivityRequest.result.parse(await s.conn.sendRequest(CheckConnectivityRequest.method, { uri }));
        expect(second).toMatchObject({ cached: true, unreachable: [{ key: 'M1_ANALYTICS_URL' }] });
        expect(hits).toBe(1);
      });

      it('answers "not checked" for a document it does not have, and for nonsense', async () => {
        expect(await s.conn.sendRequest(CheckConnectivityRequest.method, { uri: uriOf('nope.env') })).toMatchObject({ checked: false });
        expect(await s.conn.sendRequest(CheckConnectivityRequest.method, { url: 42 })).toMatchObject({ checked: false });
      });
    });

    describe('connectivity "onSave"', () => {
      let s: LspSession;
      beforeAll(async () => {
        s = await LspSession.start({ settings: { validation: { connectivity: 'onSave' } } });
      });
      afterAll(async () => {
        await s.stop();
      });

      it('checks when the file is saved, never on open or on a keystroke', async () => {
        const uri = uriOf('save.env');
        const before = hits;
        await s.open(uri, `M1_ANALYTICS_URL=${refusedUrl}\nPORT=1\n`);
        expect(unreachable((await s.diagnostics(uri, 1)).diagnostics)).toEqual([]);
        const v2 = await s.change(uri, `M1_ANALYTICS_URL=${refusedUrl}\nPORT=2\nM1_API_BASE_URL=${apiUrl}/save\n`);
        expect(unreachable((await s.diagnostics(uri, v2)).diagnostics)).toEqual([]);
        expect(hits).toBe(before);
        await s.save(uri);
        const published = await s.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && unreachable(p.diagnostics).length > 0);
        expect(JSON.stringify(unreachable(published.diagnostics))).toContain('M1_ANALYTICS_URL');
        expect(hits).toBe(before + 1);
      });
    });

    describe('a check in flight', () => {
      let s: LspSession;
      let hanging: Server;
      const arrived: (() => void)[] = [];
      const closed: (() => void)[] = [];
      beforeAll(async () => {
        s = await LspSession.start();
        // Never answers: the only way the request ends is the client (the server) giving up on it.
        hanging = createServer((req) => {
          req.socket.once('close', () => closed.shift()?.());
          arrived.shift()?.();
        });
        await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      });
      afterAll(async () => {
        hanging.closeAllConnections();
        await new Promise<void>((resolve) => hanging.close(() => resolve()));
        await s.stop();
      });

      it('is aborted when the value it checks changes', async () => {
        const addr = hanging.address();
        const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
        const uri = uriOf('abort.env');
        await s.open(uri, `M1_API_BASE_URL=${url}\n`);
        await s.validationRun(uri, 1);
        const reached = new Promise<void>((r) => arrived.push(r));
        const socketClosed = new Promise<void>((r) => closed.push(r));
        const answer = s.conn.sendRequest(CheckConnectivityRequest.method, { uri });
        await reached;
        await s.change(uri, `M1_API_BASE_URL=${url}/v2\n`);
        expect(await answer).toMatchObject({ checked: false });
        await socketClosed; // the HTTP request was really cancelled, not left to time out
      });
    });
  });
}
