// The parsed form of a document version, for the features that answer on the main thread
// (hover, completion, outline, folding). Parsing is cheap; one entry per document is kept.
import { expandEnv } from '../../parser/expand';
import { parseEnv } from '../../parser/parse';
import type { EnvEntry, ParsedEnv } from '../../parser/types';
import type { Position } from '../../../../shared/src/findings';

export interface ParsedDocument {
  version: number;
  parsed: ParsedEnv;
  /** dotenv-expand's values, computed on first use. */
  expanded(): Record<string, string>;
}

export class ParsedCache {
  private readonly docs = new Map<string, ParsedDocument>();

  get(uri: string, version: number, text: string): ParsedDocument {
    const hit = this.docs.get(uri);
    if (hit && hit.version === version) return hit;
    const doc = parseDocument(version, text);
    this.docs.set(uri, doc);
    return doc;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }
}

export function parseDocument(version: number, text: string): ParsedDocument {
  const parsed = parseEnv(text);
  let expanded: Record<string, string> | undefined;
  return { version, parsed, expanded: () => (expanded ??= expandEnv(parsed.values)) };
}

export type EntryPart = 'key' | 'value';

/** The entry under the cursor and which part of it (key or value), if any. */
export function entryAt(parsed: ParsedEnv, p: Position): { entry: EnvEntry; part: EntryPart } | undefined {
  const offset = parsed.lineIndex.offsetAt(p);
  for (const entry of parsed.entries) {
    if (offset >= entry.keySpan.start && offset <= entry.keySpan.end) return { entry, part: 'key' };
    if (offset >= entry.rawSpan.start && offset <= entry.rawSpan.end && entry.rawSpan.end > entry.rawSpan.start) {
      return { entry, part: 'value' };
    }
  }
  return undefined;
}

/** The entry dotenv uses for `key` (the last one). */
export function effectiveEntry(parsed: ParsedEnv, key: string): EnvEntry | undefined {
  for (let i = parsed.entries.length - 1; i >= 0; i--) if (parsed.entries[i]?.key === key) return parsed.entries[i];
  return undefined;
}
