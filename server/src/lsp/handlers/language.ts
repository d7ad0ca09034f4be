// Hover, completion, outline and folding: each parses the current version (cached) and asks its
// service. None of them waits for validation.
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../services/completion';
import { hover } from '../services/hover';
import { documentSymbols, flatSymbols, foldingRanges } from '../services/outline';
import type { ParsedDocument } from '../services/parsed';
import type { ServerContext } from './context';
import { guardRequest } from './guard';

export function registerLanguageFeatures(ctx: ServerContext): void {
  const { connection, log } = ctx;
  const parsed = (uri: string): { doc: TextDocument; parsed: ParsedDocument } | undefined => {
    const doc = ctx.documents.get(uri);
    return doc && { doc, parsed: ctx.parsed.get(uri, doc.version, doc.getText()) };
  };

  connection.onHover(
    guardRequest(log, 'hover', null, (p) => {
      const d = parsed(p.textDocument.uri);
      if (!d) return null;
      const v = ctx.scheduler.latest(p.textDocument.uri)?.result;
      const profile = v && { profile: v.output.profile, source: v.output.profileSource };
      return hover(d.parsed, p.position, ctx.catalog, profile, ctx.client.hoverMarkdown);
    }),
  );
  connection.onCompletion(
    guardRequest(log, 'completion', [], (p) => {
      const d = parsed(p.textDocument.uri);
      if (!d) return [];
      const { snippets, completionMarkdown: markdown, completionPreselect: preselect, completionEnumMember: enumMember } = ctx.client;
      return complete(d.parsed, p.position, ctx.catalog, { snippets, markdown, preselect, enumMember });
    }),
  );
  connection.onDocumentSymbol(
    guardRequest(log, 'documentSymbol', [], (p): DocumentSymbol[] | SymbolInformation[] => {
      const d = parsed(p.textDocument.uri);
      if (!d) return [];
      const groups = documentSymbols(d.parsed.parsed, ctx.catalog);
      return ctx.client.hierarchicalSymbols ? groups : flatSymbols(p.textDocument.uri, groups);
    }),
  );
  connection.onFoldingRanges(
    guardRequest(log, 'foldingRange', [], (p) => {
      const d = parsed(p.textDocument.uri);
      return d ? foldingRanges(d.parsed.parsed) : [];
    }),
  );
}
