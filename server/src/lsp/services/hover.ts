// Hover: on a key, what the catalog knows and the profile in force; on a value, the value as
// dotenv reads it after interpolation, unless the secret detector says it is (or contains) a secret:
// by the variable's name or catalog entry, or by the value's own shape (docs/rules.md#what-messages-show).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Position } from '../../../../shared/src/findings';
import { ruleDocUrl } from '../../../../shared/src/rule-ids';
import type { EnvEntry } from '../../parser/types';
import type { CatalogView, VariableInfo } from './catalog';
import { entryAt, type ParsedDocument } from './parsed';
import { markdownToPlainText } from './plain-text';
import { displayableValue, isSecret, isSecretEntryValue } from './redact';

export interface ProfileInForce {
  profile: string;
  /** explicit | file-name | NODE_ENV | default */
  source: string;
}

const SOURCE_TEXT: Record<string, string> = {
  explicit: 'set by m1ops.validation.profile',
  'file-name': 'from the file name',
  NODE_ENV: 'from NODE_ENV in this file',
  default: 'the default',
};

export function hover(doc: ParsedDocument, p: Position, catalog: CatalogView, profile?: ProfileInForce, markdown = true): Hover | null {
  const hit = entryAt(doc.parsed, p);
  if (!hit) return null;
  const range = doc.parsed.lineIndex.rangeOf(hit.part === 'key' ? hit.entry.keySpan : hit.entry.rawSpan);
  const value = hit.part === 'key' ? keyHover(hit.entry.key, catalog.get(hit.entry.key), profile) : valueHover(doc, hit.entry, catalog);
  // A client that did not declare markdown gets the same content as plain text.
  const contents = markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: markdownToPlainText(value) };
  return { contents, range };
}

export function keyHover(key: string, info: VariableInfo | undefined, profile?: ProfileInForce): string {
  const lines: string[] = [];
  if (!info) {
    lines.push(`**${key}** is not an M1 variable (rule \`unknown-key\`).`);
  } else {
    lines.push(`**${key}** · ${info.group}`, '', info.description, '', '| | |', '|---|---|');
    lines.push(`| Type | ${cell(info.type)} |`);
    lines.push(`| Default | ${info.defaultValue !== undefined ? code(info.defaultValue) : '—'} |`);
    if (info.allowed?.length) lines.push(`| Allowed | ${info.allowed.map(code).join(' · ')} |`);
    lines.push(`| Required | ${cell(info.requirement)} |`);
    if (info.rules.length) lines.push(`| Rules | ${info.rules.map((r) => `[\`${r}\`](${ruleDocUrl(r)})`).join(' · ')} |`);
  }
  if (profile) lines.push('', `Profile in force: \`${profile.profile}\` (${SOURCE_TEXT[profile.source] ?? profile.source})`);
  return lines.join('\n');
}

function valueHover(doc: ParsedDocument, entry: EnvEntry, catalog: CatalogView): string {
  if (isSecret(entry.key, catalog.get(entry.key))) return `**${entry.key}** is a secret: its value is never shown.`;
  const secretOf = (e: EnvEntry): boolean => isSecretEntryValue(e.key, e.value, catalog.get(e.key));
  const effective = !entry.overridden;
  const expanded = effective ? doc.expanded()[entry.key] : undefined;
  const shown = expanded ?? entry.value;
  const display = displayableValue(shown, catalog.get(entry.key), secretValues(doc, secretOf));
  if (display === undefined) return `**${entry.key}** holds or interpolates a credential: its value is not shown.`;
  const what = expanded !== undefined && expanded !== entry.value ? 'as read by dotenv, after interpolation' : 'as read by dotenv';
  const lines = [`**${entry.key}** ${what}:`, '', fenced(display)];
  if (!effective) lines.push('', 'A later line sets this variable again: dotenv uses the last one.');
  return lines.join('\n');
}

function secretValues(doc: ParsedDocument, secretOf: (e: EnvEntry) => boolean): string[] {
  const out: string[] = [];
  const expanded = doc.expanded();
  for (const e of doc.parsed.entries) {
    if (!secretOf(e)) continue;
    out.push(e.value);
    const x = expanded[e.key];
    if (x !== undefined) out.push(x);
  }
  return out;
}

function code(s: string): string {
  if (s === '') return '*(empty)*';
  return `\`${cell(s).replace(/`/g, "'")}\``;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code block whose fence is longer than any backtick run in the value. */
function fenced(value: string): string {
  const longest = Math.max(2, ...Array.from(value.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${value === '' ? '' : value}\n${fence}`;
}
