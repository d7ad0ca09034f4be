// A real client's behaviour over the real server: its `initialize` capabilities (a profile from
// test/lsp/clients/, see the README there) and the way it obtains diagnostics. A client the server
// answered with a diagnosticProvider pulls (textDocument/diagnostic) and pulls again when asked
// (workspace/diagnostic/refresh); any other client waits for publishDiagnostics. Waiting is on
// messages, never on time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, Diagnostic, DocumentDiagnosticReport, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { z } from 'zod';
import { LspSession, M1_SCHEMA } from './harness';

const ProfileSchema = z.object({ client: z.string(), source: z.string(), capabilities: z.record(z.string(), z.unknown()) });

export interface ClientProfile {
  /** File name without .json, e.g. `neovim-0.10`. */
  name: string;
  client: string;
  source: string;
  capabilities: ClientCapabilities;
}

export const CLIENTS_DIR = join(__dirname, 'clients');

export function loadProfiles(): ClientProfile[] {
  return readdirSync(CLIENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const p = ProfileSchema.parse(JSON.parse(readFileSync(join(CLIENTS_DIR, f), 'utf8')));
      return { name: f.replace(/\.json$/, ''), client: p.client, source: p.source, capabilities: p.capabilities };
    });
}

/** What a profile declares, read the way the specification defines each capability. */
export function declared(caps: ClientCapabilities) {
  const td = caps.textDocument;
  // `diagnostics` as the specification spells it, `diagnostic` as lsp-types (Helix, Zed) writes it.
  const ws: unknown = caps.workspace;
  const raw = (typeof ws === 'object' && ws !== null ? ws : {}) as Record<string, { refreshSupport?: unknown } | undefined>;
  const refresh = raw.diagnostics?.refreshSupport === true || raw.diagnostic?.refreshSupport === true;
  return {
    pull: td?.diagnostic !== undefined && refresh,
    configuration: caps.workspace?.configuration === true,
    data: td?.publishDiagnostics?.dataSupport === true,
    codeDescription: td?.publishDiagnostics?.codeDescriptionSupport === true,
    version: td?.publishDiagnostics?.versionSupport === true,
    snippets: td?.completion?.completionItem?.snippetSupport === true,
    completionMarkdown: td?.completion?.completionItem?.documentationFormat?.includes('markdown') === true,
    preselect: td?.completion?.completionItem?.preselectSupport === true,
    enumMember: td?.completion?.completionItemKind?.valueSet?.includes(20) === true,
    hoverMarkdown: td?.hover?.contentFormat?.includes('markdown') === true,
    preferred: td?.codeAction?.isPreferredSupport === true,
    resolve: td?.codeAction?.resolveSupport?.properties.includes('edit') === true && td.codeAction.dataSupport === true,
    hierarchical: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
  };
}

export class ClientDriver {
  private constructor(
    readonly s: LspSession,
    readonly profile: ClientProfile,
  ) {}

  static async start(profile: ClientProfile): Promise<ClientDriver> {
    const driver = new ClientDriver(await LspSession.start({ capabilities: profile.capabilities }), profile);
    // A client that cannot answer workspace/configuration hands its user's settings over in
    // didChangeConfiguration right after initialize (Neovim's `settings`, eglot's
    // workspace-configuration): the session's M1 schema arrives that way.
    if (!declared(profile.capabilities).configuration) await driver.changeSettings(M1_SCHEMA);
    return driver;
  }

  /** The server chose pull diagnostics for this client. */
  get pulls(): boolean {
    return this.s.initializeResult?.capabilities.diagnosticProvider !== undefined;
  }

  /**
   * The diagnostics of `uri` as this client sees them, once they satisfy `test`: pushed ones after
   * `from` (a mark taken before the action), or pulled ones, pulled again on each refresh.
   */
  async diagnostics(uri: string, test: (ds: Diagnostic[]) => boolean, from: number): Promise<Diagnostic[]> {
    if (!this.pulls) {
      const p = await this.s.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri && test(x.diagnostics), from);
      return p.diagnostics;
    }
    for (;;) {
      const mark = this.s.mark();
      const report = await this.s.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      const items = report.kind === 'full' ? report.items : [];
      if (test(items)) return items;
      await this.s.waitFor('workspace/diagnostic/refresh', () => true, mark);
    }
  }

  /** The user changes settings, delivered as this client delivers them. */
  async changeSettings(settings: unknown): Promise<void> {
    await this.s.changeSettings(settings, !declared(this.profile.capabilities).configuration);
  }
}
