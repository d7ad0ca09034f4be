// Completion: at a key position, the catalog variables the file lacks (a snippet with the default
// or a choice of the allowed values); after the separator, the variable's allowed values.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver';
import type { Position } from '../../../../shared/src/findings';
import type { CatalogView, VariableInfo } from './catalog';
import type { ParsedDocument } from './parsed';

const KEY_PREFIX = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)?$/;
const VALUE_PREFIX = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:\s)\s*(["'`]?)([^"'`#\s]*)$/;

/** What the client can take (completionItem.snippetSupport, documentationFormat). */
export interface CompletionFormat {
  snippets: boolean;
  markdown: boolean;
  /** completionItem.preselectSupport. */
  preselect: boolean;
  /** CompletionItemKind.EnumMember is in completionItemKind.valueSet (without one, only Text…Reference). */
  enumMember: boolean;
}
const RICH: CompletionFormat = { snippets: true, markdown: true, preselect: true, enumMember: true };

export function complete(doc: ParsedDocument, p: Position, catalog: CatalogView, format: CompletionFormat = RICH): CompletionItem[] {
  const { parsed } = doc;
  if (parsed.lines[p.line]?.kind === 'continuation') return [];
  const lineStart = parsed.lineIndex.offsetAt({ line: p.line, character: 0 });
  const lineText = parsed.text.slice(lineStart, parsed.lineIndex.lineEnd(p.line));
  const before = lineText.slice(0, p.character);
  const after = lineText.slice(p.character);
  const keyMatch = KEY_PREFIX.exec(before);
  if (keyMatch) {
    const wordEnd = p.character + (/^[A-Za-z0-9_]*/.exec(after)?.[0].length ?? 0);
    const range: Range = { start: { line: p.line, character: keyMatch[1]?.length ?? 0 }, end: { line: p.line, character: wordEnd } };
    const hasSeparator = /^[A-Za-z0-9_]*\s*(=|:\s)/.test(after);
    return keyItems(doc, p.line, catalog, range, hasSeparator, format);
  }
  const valueMatch = VALUE_PREFIX.exec(before);
  if (valueMatch?.[1]) {
    const info = catalog.get(valueMatch[1]);
    if (!info?.allowed?.length) return [];
    const typed = valueMatch[3] ?? '';
    const wordEnd = p.character + (/^[^"'`#\s]*/.exec(after)?.[0].length ?? 0);
    const range: Range = { start: { line: p.line, character: p.character - typed.length }, end: { line: p.line, character: wordEnd } };
    return valueItems(info, range, format);
  }
  return [];
}

function keyItems(doc: ParsedDocument, line: number, catalog: CatalogView, range: Range, keyOnly: boolean, format: CompletionFormat): CompletionItem[] {
  // The entry on the cursor's own line is being edited: it does not count as present.
  const present = new Set(doc.parsed.entries.filter((e) => e.line !== line).map((e) => e.key));
  return catalog
    .all()
    .filter((v) => !present.has(v.key))
    .map((v, i): CompletionItem => ({
      label: v.key,
      kind: CompletionItemKind.Variable,
      detail: `${v.type} · ${v.group}`,
      documentation: format.markdown ? { kind: MarkupKind.Markdown, value: documentation(v) } : plainDocumentation(v),
      sortText: String(i).padStart(3, '0'),
      // A client without snippets inserts the text as it stands: it gets the default (or nothing) instead.
      insertTextFormat: format.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: keyOnly ? v.key : `${v.key}=${format.snippets ? valueSnippet(v) : plainValue(v)}` },
    }));
}

function valueItems(info: VariableInfo, range: Range, format: CompletionFormat): CompletionItem[] {
  return (info.allowed ?? []).map((value, i): CompletionItem => {
    const item: CompletionItem = {
      label: value,
      kind: format.enumMember ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: info.key,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: value },
    };
    if (value === info.defaultValue) {
      if (format.preselect) item.preselect = true;
      item.detail = `${info.key} (default)`;
    }
    return item;
  });
}

/** `${1:default}`, a choice of the allowed values (default first), or an empty tab stop. */
export function valueSnippet(v: VariableInfo): string {
  if (v.secret) return '$1';
  if (v.allowed?.length) {
    const ordered = v.defaultValue !== undefined && v.allowed.includes(v.defaultValue) ? [v.defaultValue, ...v.allowed.filter((a) => a !== v.defaultValue)] : [...v.allowed];
    return `\${1|${ordered.map((a) => escapeSnippet(a).replace(/[,|]/g, '\\$&')).join(',')}|}`;
  }
  return v.defaultValue !== undefined ? `\${1:${escapeSnippet(v.defaultValue)}}` : '$1';
}

/** The value a plain-text insertion writes: the default (never for a secret), else nothing. */
export function plainValue(v: VariableInfo): string {
  return v.secret || v.defaultValue === undefined ? '' : v.defaultValue;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function documentation(v: VariableInfo): string {
  const parts = [v.description];
  if (v.defaultValue !== undefined) parts.push(`Default: \`${v.defaultValue}\``);
  if (v.secret) parts.push('Secret: run **M1: Generate Secret** to fill it.');
  return parts.join('\n\n');
}

function plainDocumentation(v: VariableInfo): string {
  const parts = [v.description];
  if (v.defaultValue !== undefined) parts.push(`Default: ${v.defaultValue}`);
  if (v.secret) parts.push('Secret: run "M1: Generate Secret" to fill it.');
  return parts.join('\n\n');
}
