// The real language server (the private build's dist/server.js) over stdio, spoken to with
// vscode-languageserver's node connection. Every notification it sends and everything it writes to
// stderr is kept (the secrets test reads them); waits are for messages, with a deadline.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-languageserver/node';
import { ValidationRunNotification, type InitializationOptions, type ValidationRunParams } from '../../../shared/src/protocol';
import { Waiters } from './waiters';

export const DOC_DIR = join(tmpdir(), `m1-rel-lsp-${process.pid}`);
export const docUri = (name: string): string => pathToFileURL(join(DOC_DIR, name)).href;

export interface Message {
  method: string;
  params: unknown;
}

export class LspClient {
  readonly received: Message[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly waiters = new Waiters();
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly conn: MessageConnection,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly settings: unknown,
  ) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    conn.onNotification((method: string, params: unknown) => {
      this.received.push({ method, params });
      this.waiters.notify();
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
  }

  static async start(server: string, settings: unknown = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const c = new LspClient(conn, child, settings);
    conn.listen();
    const initializationOptions: InitializationOptions = { reportValidationRuns: true, statusNotifications: false };
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
      initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Opens (first time) or replaces the text of `uri`; returns the version. */
  async set(uri: string, text: string): Promise<number> {
    const v = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, v);
    if (v === 1) await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text } });
    else await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  /** Resolves once the run of `version` was reported, or its failure was logged. */
  async validated(uri: string, version: number, ms: number): Promise<'run' | 'failed'> {
    let outcome: 'run' | 'failed' | null = null;
    await this.waiters.until(
      () => {
        for (const m of this.received) {
          if (m.method === ValidationRunNotification.method) {
            const p = m.params as ValidationRunParams;
            if (p.uri === uri && p.version >= version) outcome = 'run';
          } else if (m.method === 'window/logMessage' && String((m.params as { message: string }).message).includes(`${uri} (version ${version}) failed`)) {
            outcome = 'failed';
          }
        }
        return outcome !== null || !this.alive;
      },
      `validation of ${uri} v${version}`,
      ms,
    );
    if (!this.alive) throw new Error(`the language server exited; stderr: ${this.stderr.slice(-500)}`);
    return outcome ?? 'failed';
  }

  /** A request that must be answered within `ms`. */
  async ask<T>(method: string, params: unknown, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${method} not answered within ${ms} ms`)), ms)));
    try {
      return await Promise.race([this.conn.sendRequest<T>(method, params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<number | null> {
    if (this.alive) {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    }
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}
