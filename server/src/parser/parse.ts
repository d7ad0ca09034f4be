// The dotenv parser with positions. Values are exactly dotenv's parse() (v16+); see scan.ts for how the
// scan reproduces dotenv's regex and value.ts for its value post-processing.
//
// Decisions that follow dotenv rather than intuition:
//  - A leading BOM (U+FEFF) is whitespace to dotenv's `\s*`, so `\uFEFFKEY=1` defines KEY; the BOM is not
//    part of any span. Likewise U+2028/U+2029 are both whitespace and regex line breaks: `# a\u2028B=1`
//    defines B, and `A=\u2028B=1` gives A the value "B=1". Editors do not break lines there.
//  - `values` is a null-prototype object with dotenv's keys; `__proto__` is left out because dotenv assigns
//    into `{}`, where that key hits the prototype setter and is dropped. Its entry is still in `entries`.
import { KIND_CONTINUATION, KIND_ENTRY, classifyLines, type ClassifiedLines } from './lines';
import { LineIndex } from './line-index';
import { newRawMatch, nextMatch } from './scan';
import type { EnvComment, EnvEntry, EnvLine, ParsedEnv, Quote } from './types';
import { dotenvValue } from './value';

export function parseEnv(text: string): ParsedEnv {
  const lineIndex = new LineIndex(text);
  const starts = lineIndex.lineStarts;
  const lineCount = starts.length;
  const marks = new Uint8Array(lineCount);
  const entries: EnvEntry[] = [];
  const values = Object.create(null) as Record<string, string>;
  let lastByKey: Map<string, EnvEntry> | undefined;
  let lastProto: EnvEntry | undefined;
  const m = newRawMatch();
  let line = 0;
  let pos = 0;
  while (nextMatch(text, pos, m)) {
    pos = m.end;
    const first = m.exportStart >= 0 ? m.exportStart : m.keyStart;
    while (line + 1 < lineCount && (starts[line + 1] as number) <= first) line++;
    const sepEnd = m.sepStart + 1;
    let last = m.rawEnd > sepEnd ? m.rawEnd : sepEnd;
    if (m.commentEnd > last) last = m.commentEnd;
    let endLine = line;
    while (endLine + 1 < lineCount && (starts[endLine + 1] as number) <= last) endLine++;

    const key = text.slice(m.keyStart, m.keyEnd);
    const raw = text.slice(m.rawStart, m.rawEnd);
    const value = dotenvValue(raw, m.quotedMatch, m.hasLineSeparator);
    const entry: EnvEntry = {
      key,
      keySpan: { start: m.keyStart, end: m.keyEnd },
      separator: m.sep === 61 ? '=' : ':',
      separatorSpan: { start: m.sepStart, end: sepEnd },
      rawSpan: { start: m.rawStart, end: m.rawEnd },
      raw,
      quote: quoteOf(raw),
      value,
      line,
      endLine,
      overridden: false,
    };
    if (m.exportStart >= 0) entry.exportSpan = { start: m.exportStart, end: m.exportStart + 6 };
    if (m.commentStart >= 0) entry.commentSpan = { start: m.commentStart, end: m.commentEnd };
    entries.push(entry);

    // Duplicates are rare: look them up in `values` (one hash probe; dotenv pays the store too) and keep
    // a key -> entry map only once the file has shown one.
    if (key === '__proto__') {
      if (lastProto) lastProto.overridden = true;
      lastProto = entry;
    } else {
      if (values[key] !== undefined) {
        lastByKey ??= indexEntries(entries);
        const previous = lastByKey.get(key);
        if (previous) previous.overridden = true;
      }
      if (lastByKey) lastByKey.set(key, entry);
      values[key] = value;
    }

    marks[line] = KIND_ENTRY;
    for (let l = line + 1; l <= endLine; l++) if (marks[l] !== KIND_ENTRY) marks[l] = KIND_CONTINUATION;
  }
  // Lines and comments are classified on first access: several consumers (`m1-ops parse`, hover,
  // expansion) never read them, and building an object per line is a fifth of the parse. Own enumerable
  // accessors, so spreading, JSON and structured cloning see plain arrays.
  let classified: ClassifiedLines | undefined;
  const classify = (): ClassifiedLines => (classified ??= classifyLines(text, starts, marks));
  return {
    text,
    entries,
    values,
    lineIndex,
    get lines(): EnvLine[] {
      return classify().lines;
    },
    set lines(lines: EnvLine[]) {
      classified = { lines, comments: classify().comments };
    },
    get comments(): EnvComment[] {
      return classify().comments;
    },
    set comments(comments: EnvComment[]) {
      classified = { lines: classify().lines, comments };
    },
  };
}

/** Key -> last entry so far; `entries` already holds the entry being added, which must not count. */
function indexEntries(entries: readonly EnvEntry[]): Map<string, EnvEntry> {
  const map = new Map<string, EnvEntry>();
  for (let i = 0; i < entries.length - 1; i++) {
    const e = entries[i] as EnvEntry;
    map.set(e.key, e);
  }
  return map;
}

function quoteOf(raw: string): Quote | null {
  if (raw.length < 2) return null;
  const q = raw[0];
  if ((q === '"' || q === "'" || q === '`') && raw[raw.length - 1] === q) return q;
  return null;
}
