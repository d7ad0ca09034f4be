// Pull diagnostics, settings, robustness.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, DocumentDiagnosticReport, Hover } from 'vscode-languageserver/node';
import { StatusNotification, ValidationRunNotification, type StatusParams, type ValidationRunParams } from '../../../shared/src/protocol';
import { LspSession, M1_SCHEMA, ROOT, byRule, hoverText, uriOf } from '../harness';

export function modesSuite(): void {
  describe('the m1-ops-language-server binary', () => {
    const bin = join(ROOT, 'bin', 'm1-ops-language-server.js');
    it('prints its usage and exits 2 without a transport, its version with --version', () => {
      const bare = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
      expect(bare.status).toBe(2);
      expect(bare.stderr).toContain('usage: m1-ops-language-server --stdio');
      const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    });
  });

  describe('node IPC (how the VS Code extension starts the server)', () => {
    it('speaks LSP over --node-ipc', async () => {
      const s = await LspSession.start({ transport: 'ipc' });
      const uri = uriOf('ipc.env');
      await s.open(uri, 'NODE_ENV=prodution\n');
      expect(byRule((await s.diagnostics(uri, 1)).diagnostics, 'invalid-value')).toBeDefined();
      expect(await s.stop()).toBe(0);
    });
  });

  describe('pull diagnostics', () => {
    let s: LspSession;
    beforeAll(async () => {
      s = await LspSession.start({ pull: true });
    });
    afterAll(async () => {
      await s.stop();
    });

    it('answers textDocument/diagnostic for the current version and never pushes', async () => {
      const uri = uriOf('pull.env');
      await s.open(uri, 'NODE_ENV=prodution\n');
      const report = await s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      expect(report.kind).toBe('full');
      const items = report.kind === 'full' ? report.items : [];
      expect(byRule(items, 'invalid-value')?.data).toMatchObject({ documentVersion: 1 });
      const v2 = await s.change(uri, 'NODE_ENV=test\n');
      const again = await s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      expect(again.kind === 'full' && byRule(again.items, 'invalid-value')).toBeFalsy();
      await s.validationRun(uri, v2); // sent before the pull answer: everything the server sent is in
      expect(s.all('textDocument/publishDiagnostics')).toEqual([]);
    });

    it('asks the client to pull again after a settings change (a rule turned off disappears)', async () => {
      const uri = uriOf('pull-settings.env');
      await s.open(uri, 'my_flag=1\n');
      const first = await s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      expect(first.kind === 'full' && byRule(first.items, 'unknown-key')).toBeTruthy();
      const { runs } = await s.validationRun(uri, 1);
      const mark = s.mark();
      await s.changeSettings({ validation: { schema: 'm1', rules: { 'unknown-key': 'off' } } });
      await s.waitFor<ValidationRunParams>(ValidationRunNotification.method, (p) => p.uri === uri && p.runs > runs, mark);
      // The refresh follows the run (one per turn of the event loop): a client that pulls on it gets the new run.
      await s.waitFor('workspace/diagnostic/refresh', () => true, mark);
      const again = await s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      expect(again.kind === 'full' && byRule(again.items, 'unknown-key')).toBeFalsy();
      await s.changeSettings(M1_SCHEMA);
    });
  });

  describe('settings', () => {
    let s: LspSession;
    beforeAll(async () => {
      s = await LspSession.start({ settings: { validation: { schema: 'm1', connectivity: 'always', rules: { 'unknown-key': 'fatal', 'placeholder-secret': 'off' } } } });
    });
    afterAll(async () => {
      await s.stop();
    });

    it('reports a bad setting once, uses its default, and still applies the good ones', async () => {
      for (const name of ['a.env', 'b.env']) {
        const uri = uriOf(name);
        await s.open(uri, 'JWT_SECRET=changeme\nmy_flag=1\n');
        const { diagnostics } = await s.diagnostics(uri, 1);
        expect(byRule(diagnostics, 'placeholder-secret')).toBeUndefined(); // "off" honoured
        expect(byRule(diagnostics, 'unknown-key')?.data).toMatchObject({ level: 'info' }); // "fatal" replaced by the default
      }
      const shown = s.all('window/showMessage').map((m) => (m as { message: string }).message);
      expect(shown.filter((m) => m.includes('m1ops.validation.connectivity'))).toHaveLength(1);
      expect(shown.filter((m) => m.includes('m1ops.validation.rules.unknown-key'))).toHaveLength(1);
      expect(s.configurationRequests.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('a credential pasted into a setting', () => {
    it('is masked in the pop-up and in the log, which still name the setting', async () => {
      const token = `ghp_${'aB3xQ9mZ7kR2tW5pL8vN4cY6hJ1dF0s'.repeat(2)}`;
      const s = await LspSession.start({ settings: { validation: { rules: { [token]: 'off' } } } });
      const uri = uriOf('pasted.env');
      await s.open(uri, 'PORT=1\n');
      await s.diagnostics(uri, 1);
      const popups = s.all('window/showMessage').map((m) => (m as { message: string }).message);
      const logs = s.all('window/logMessage').map((m) => (m as { message: string }).message);
      expect(popups.filter((m) => m.includes('m1ops.validation.rules') && m.includes('unknown rule id'))).toHaveLength(1);
      expect(JSON.stringify([popups, logs])).not.toContain(token.slice(4, 20));
      expect(await s.stop()).toBe(0);
    });
  });

  describe('a settings change', () => {
    it('re-validates the open documents with the new settings', async () => {
      const s = await LspSession.start();
      const uri = uriOf('reconfigure.env');
      await s.open(uri, 'my_flag=1\n');
      expect(byRule((await s.diagnostics(uri, 1)).diagnostics, 'unknown-key')).toBeDefined();
      const { runs } = await s.validationRun(uri, 1);
      await s.changeSettings({ validation: { schema: 'm1', rules: { 'unknown-key': 'off' } } });
      await s.waitFor<ValidationRunParams>(ValidationRunNotification.method, (p) => p.uri === uri && p.runs > runs);
      // publishDiagnostics precedes m1ops/validationRun: the last one published is the new run's.
      const last = s.all('textDocument/publishDiagnostics').filter((p) => (p as { uri: string }).uri === uri).at(-1) as { diagnostics: Diagnostic[] };
      expect(byRule(last.diagnostics, 'unknown-key')).toBeUndefined();
      expect(await s.stop()).toBe(0);
    });
  });

  describe('schemas', () => {
    it('gives a file without an M1_* variable the generic rules only, and says why in m1ops/status', async () => {
      const s = await LspSession.start({ settings: {}, status: true });
      const other = uriOf('other-project.env');
      await s.open(other, 'PORT=:8888\nNODE_ENV=dev\nS3_REGION=eu-west-1\nJWT_SECRET=ASD#asda23kd\n');
      const codes = (await s.diagnostics(other, 1)).diagnostics.map((d) => d.code).sort();
      expect(codes).toEqual(['unquoted-hash', 'weak-secret']);
      const status = await s.waitFor<StatusParams>(StatusNotification.method, (p) => p.uri === other);
      expect(status).toMatchObject({ schema: 'generic', schemaReason: 'no M1_* variable', dialect: 'node' });
      const m1 = uriOf('m1-project.env');
      await s.open(m1, 'M1_REGION=eu-west-1\nPORT=:8888\n');
      expect(byRule((await s.diagnostics(m1, 1)).diagnostics, 'invalid-value')).toBeDefined();
      const m1Status = await s.waitFor<StatusParams>(StatusNotification.method, (p) => p.uri === m1);
      expect(m1Status).toMatchObject({ schema: 'm1', schemaReason: 'sets M1_REGION' });
      expect(await s.stop()).toBe(0);
    });
  });

  describe('robustness', () => {
    let s: LspSession;
    beforeAll(async () => {
      s = await LspSession.start();
    });
    afterAll(async () => {
      expect(await s.stop()).toBe(0);
    });

    it('survives random bytes and a 1 MB line, and still answers afterwards', async () => {
      const garbage = uriOf('garbage.env');
      const huge = uriOf('huge.env');
      await s.open(garbage, randomBytes(64 * 1024).toString('latin1') + '\uD800\u0000${${${');
      await s.open(huge, `M1_API_BASE_URL=${'a'.repeat(1 << 20)}\nPORT=${'9'.repeat(1 << 10)}`);
      const hover = await s.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: huge }, position: { line: 1, character: 1 } });
      expect(hoverText(hover)).toContain('**PORT**');
      await s.validationRun(huge, 1);
      const ok = uriOf('after.env');
      await s.open(ok, 'NODE_ENV=prodution\n');
      expect(byRule((await s.diagnostics(ok, 1)).diagnostics, 'invalid-value')).toBeDefined();
      const logs = s.all('window/logMessage').map((m) => (m as { message: string }).message).join('\n');
      expect(logs).not.toMatch(/\n\s+at /); // no stack traces in the client's output
    });
  });

}
