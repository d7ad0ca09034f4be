// Test harness: the real language server (`node dist/server.js --stdio`) spoken to over the child's
// stdio with vscode-languageserver-protocol's node connection. Everything the server sends is
// recorded; tests wait for a message that satisfies a predicate, never for time to pass.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type ClientCapabilities,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InitializationOptions, ValidationRunParams } from '../../shared/src/protocol';
import { ValidationRunNotification } from '../../shared/src/protocol';

export const ROOT = join(__dirname, '..', '..');
/** Where the test documents claim to live; never created, so no example sibling is found on disk. */
export const TEST_DIR = join(tmpdir(), `m1ops-lsp-${process.pid}`);

export const uriOf = (name: string): string => pathToFileURL(join(TEST_DIR, name)).href;
export const hoverText = (h: Hover | null): string => (h?.contents as MarkupContent | undefined)?.value ?? '';
export const byRule = (ds: Diagnostic[], rule: string): Diagnostic | undefined => ds.find((d) => d.code === rule);

/** The default settings of a session: every document is an M1 config (docs/rules.md#schemas). */
export const M1_SCHEMA = { validation: { schema: 'm1' } };

export interface StartOptions {
  /** Advertise textDocument/diagnostic: the server must then answer pulls and never push. */
  pull?: boolean;
  /**
   * What workspace/configuration answers for section `m1ops`. Default: `{ validation: { schema: 'm1' } }`,
   * because the suites check catalog rules on small documents without an M1_* variable.
   */
  settings?: unknown;
  /** Advertise codeAction/resolve of `edit`. */
  resolve?: boolean;
  /** Ask for m1ops/status notifications (as the VS Code extension does). */
  status?: boolean;
  /** `ipc`: forked with --node-ipc, as the VS Code extension starts it. */
  transport?: 'stdio' | 'ipc';
  /** A real client's capabilities (test/lsp/clients/*.json) instead of the built-in ones. */
  capabilities?: ClientCapabilities;
}

interface Waiter {
  method: string;
  test(params: unknown): boolean;
  resolve(params: unknown): void;
}

export class LspSession {
  readonly received: { method: string; params: unknown }[] = [];
  readonly configurationRequests: unknown[] = [];
  /** The server's answer to `initialize`. */
  initializeResult: InitializeResult | undefined;
  settings: unknown;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';

  private constructor(
    readonly conn: MessageConnection,
    private readonly child: ChildProcess,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? M1_SCHEMA;
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification((method: string, params: unknown) => this.record(method, params));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests.push(p);
      return p.items.map(() => this.settings);
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.record('workspace/diagnostic/refresh', null);
      return null;
    });
    conn.onRequest('window/showMessageRequest', () => null);
  }

  static async start(opts: StartOptions = {}): Promise<LspSession> {
    const server = join(ROOT, 'dist', 'server.js');
    let child: ChildProcess;
    let conn: MessageConnection;
    if (opts.transport === 'ipc') {
      child = fork(server, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const c = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
      conn = createMessageConnection(new StreamMessageReader(c.stdout), new StreamMessageWriter(c.stdin));
      child = c;
    }
    const s = new LspSession(conn, child, opts);
    conn.listen();
    const initializationOptions: InitializationOptions = { reportValidationRuns: true, statusNotifications: opts.status === true };
    s.initializeResult = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: opts.capabilities ?? capabilities(opts),
      initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return s;
  }

  /** How many messages have arrived so far: pass it to waitFor to ignore the earlier ones. */
  mark(): number {
    return this.received.length;
  }

  /** Resolves with the first message (past, from index `from`, or future) of `method` whose params satisfy `test`. */
  waitFor<T>(method: string, test: (params: T) => boolean = () => true, from = 0): Promise<T> {
    const seen = this.received.slice(from).find((m) => m.method === method && test(m.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve) => this.waiters.push({ method, test: (p) => test(p as T), resolve: (p) => resolve(p as T) }));
  }

  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
  }

  validationRun(uri: string, version: number): Promise<ValidationRunParams> {
    return this.waitFor<ValidationRunParams>(ValidationRunNotification.method, (p) => p.uri === uri && p.version === version);
  }

  all(method: string): unknown[] {
    return this.received.filter((m) => m.method === method).map((m) => m.params);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text } });
  }

  /** A full-text change; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /**
   * The user changed settings: workspace/configuration answers `settings` from now on. `push`: the
   * notification carries them (`{ m1ops: settings }`), as clients without workspace/configuration do.
   */
  async changeSettings(settings: unknown, push = false): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: push ? { m1ops: settings } : null });
  }

  async save(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  /**
   * Applies a WorkspaceEdit the way an editor does: every TextDocumentEdit names the version it was
   * computed for, and an edit for another version than the document's is refused.
   */
  applyEdit(edit: WorkspaceEdit): { applied: boolean; text?: string } {
    const change = edit.documentChanges?.[0];
    if (!change || !('textDocument' in change)) return { applied: false };
    const { uri, version } = change.textDocument;
    if (version !== null && version !== this.version(uri)) return { applied: false };
    const doc = TextDocument.create(uri, 'dotenv', this.version(uri), this.text(uri));
    return { applied: true, text: TextDocument.applyEdits(doc, change.edits.filter((e): e is TextEdit => 'range' in e)) };
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    if (this.child.exitCode === null) {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }

  private record(method: string, params: unknown): void {
    this.received.push({ method, params });
    for (const w of [...this.waiters]) {
      if (w.method === method && w.test(params)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  }
}

function capabilities(opts: StartOptions): ClientCapabilities {
  return {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { versionSupport: true, relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      codeAction: {
        dataSupport: true,
        isPreferredSupport: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        ...(opts.resolve ? { resolveSupport: { properties: ['edit'] } } : {}),
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: {},
    },
  };
}
