// A hand-written equivalent of dotenv's LINE regex scan (node_modules/dotenv/lib/main.js):
//
//   /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg
//
// run over the text with CRLF / lone CR turned into LF. We scan the original text instead and treat
// "\r\n" and "\r" exactly as that "\n" (both are `\s`, both are excluded by `[^#\r\n]`, both end `.`),
// so offsets need no mapping. What the backtracking regex does, worked out once:
//  - A match starts at a line start (after \n, \r, U+2028 or U+2029); the leading `\s*` may cross lines.
//  - `export\s+` is tried first; when the rest fails the word `export` is re-read as the key.
//  - The key is the maximal `[\w.-]+` run; the separator is `\s*=` (may cross lines) or `:` plus exactly
//    one whitespace character. The lazy `\s*?` / `\s+?` never grow: the value group is optional and the
//    tail always matches where an unquoted value cannot start (at `#`, a line break or the end).
//  - A quoted value skips whitespace (across lines) to the quote. The closing candidates, in the order
//    the regex tries them, are the first quote not preceded by a backslash, then each backslash-escaped
//    quote from the last to the first; the first one followed by only whitespace up to a line break,
//    the end, or `#` wins. If none does, the value is unquoted: `[^#\r\n]+` from just after the separator.
//  - After a match the scan resumes where it ended; after a failure, at the next line start.
import { BACKSLASH, COLON, CR, EQUALS, HASH, LF, isKeyChar, isLT, isQuote, isWS, skipWS } from './chars';

/** One match, as offsets into the text. Reused between matches by the caller (no allocation per line). */
export interface RawMatch {
  /** Start of `export`, or -1. */
  exportStart: number;
  keyStart: number;
  keyEnd: number;
  /** EQUALS or COLON. */
  sep: number;
  sepStart: number;
  /** The value group's text, trimmed. Empty values sit at the separator's end. */
  rawStart: number;
  rawEnd: number;
  /** The value was read by one of the quoted alternatives (so it starts and ends with that quote). */
  quotedMatch: boolean;
  /** An unquoted value holds U+2028/U+2029, which dotenv's multiline unquoting regex treats as line breaks. */
  hasLineSeparator: boolean;
  /** Inline `# ...` on the value's line, or -1. */
  commentStart: number;
  commentEnd: number;
  /** Where the regex match ends; the scan resumes here. */
  end: number;
}

export function newRawMatch(): RawMatch {
  return {
    exportStart: -1,
    keyStart: 0,
    keyEnd: 0,
    sep: EQUALS,
    sepStart: 0,
    rawStart: 0,
    rawEnd: 0,
    quotedMatch: false,
    hasLineSeparator: false,
    commentStart: -1,
    commentEnd: -1,
    end: 0,
  };
}

/**
 * Finds the next match at or after `from` (which must be a line start or a position whose whitespace
 * run reaches the next candidate, as a previous match's end is). Returns false when there is none.
 */
export function nextMatch(text: string, from: number, m: RawMatch): boolean {
  const n = text.length;
  let pos = from;
  for (;;) {
    const i = skipWS(text, pos);
    if (i >= n) return false;
    if (matchAt(text, i, m)) return true;
    // Every line start up to i fails the same way; try the first one after i.
    let j = i;
    while (j < n && !isLT(text.charCodeAt(j))) j++;
    if (j >= n) return false;
    pos = text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
  }
}

/** The regex after its leading `\s*`, at the first non-whitespace character i. */
function matchAt(text: string, i: number, m: RawMatch): boolean {
  // "export" followed by whitespace: try it as the keyword first.
  if (text.charCodeAt(i) === 101 /* e */ && text.startsWith('export', i) && isWS(text.charCodeAt(i + 6))) {
    if (matchKey(text, skipWS(text, i + 6), m)) {
      m.exportStart = i;
      return true;
    }
  }
  if (matchKey(text, i, m)) {
    m.exportStart = -1;
    return true;
  }
  return false;
}

function matchKey(text: string, k: number, m: RawMatch): boolean {
  const n = text.length;
  let ke = k;
  while (ke < n && isKeyChar(text.charCodeAt(ke))) ke++;
  if (ke === k) return false;
  let v: number;
  const w = skipWS(text, ke);
  if (text.charCodeAt(w) === EQUALS) {
    m.sep = EQUALS;
    m.sepStart = w;
    v = w + 1;
  } else if (text.charCodeAt(ke) === COLON && ke + 1 < n && isWS(text.charCodeAt(ke + 1))) {
    m.sep = COLON;
    m.sepStart = ke;
    // `:\s+?` takes exactly one whitespace character; "\r\n" is one "\n" to dotenv.
    v = text.charCodeAt(ke + 1) === CR && text.charCodeAt(ke + 2) === LF ? ke + 3 : ke + 2;
  } else {
    return false;
  }
  m.keyStart = k;
  m.keyEnd = ke;
  const valueEnd = readValue(text, v, m);
  readTail(text, valueEnd, m);
  return true;
}

/** Fills the raw span; returns where the value group ends. */
function readValue(text: string, v: number, m: RawMatch): number {
  const n = text.length;
  m.quotedMatch = false;
  m.hasLineSeparator = false;
  const w = skipWS(text, v);
  const q = text.charCodeAt(w);
  if (isQuote(q)) {
    const close = findClosing(text, w, q);
    if (close >= 0) {
      m.quotedMatch = true;
      m.rawStart = w;
      m.rawEnd = close + 1;
      return close + 1;
    }
  }
  let j = v;
  let sawLS = false;
  while (j < n) {
    const c = text.charCodeAt(j);
    // Most characters are printable ASCII above `#`: one comparison for them.
    if (c <= HASH) {
      if (c === HASH || c === LF || c === CR) break;
    } else if (c === 0x2028 || c === 0x2029) sawLS = true;
    j++;
  }
  let s = v;
  let e = j;
  while (s < e && isWS(text.charCodeAt(s))) s++;
  while (e > s && isWS(text.charCodeAt(e - 1))) e--;
  if (s === e) {
    const sepEnd = m.sepStart + 1;
    m.rawStart = sepEnd;
    m.rawEnd = sepEnd;
  } else {
    m.rawStart = s;
    m.rawEnd = e;
    m.hasLineSeparator = sawLS;
  }
  return j;
}

/** The closing quote the regex settles on for an opening quote at w, or -1. */
function findClosing(text: string, w: number, q: number): number {
  const quote = String.fromCharCode(q);
  let escaped: number[] | undefined;
  let x = text.indexOf(quote, w + 1);
  while (x >= 0) {
    if (x - 1 > w && text.charCodeAt(x - 1) === BACKSLASH) {
      (escaped ??= []).push(x);
    } else {
      if (tailMatches(text, x + 1)) return x;
      break;
    }
    x = text.indexOf(quote, x + 1);
  }
  if (escaped) {
    for (let k = escaped.length - 1; k >= 0; k--) {
      const c = escaped[k] as number;
      if (tailMatches(text, c + 1)) return c;
    }
  }
  return -1;
}

/** `\s*(?:#.*)?(?:$|$)` can match at j. */
function tailMatches(text: string, j: number): boolean {
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (!isWS(c)) return c === HASH;
    if (isLT(c)) return true;
    j++;
  }
  return true;
}

/** Where the regex's tail ends, and the inline comment on the value's own line. */
function readTail(text: string, j: number, m: RawMatch): void {
  const n = text.length;
  m.commentStart = -1;
  m.commentEnd = -1;
  let k = j;
  let firstLT = -1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (!isWS(c)) break;
    if (isLT(c) && firstLT < 0) firstLT = k;
    k++;
  }
  if (k < n && text.charCodeAt(k) === HASH) {
    let e = k + 1;
    while (e < n && !isLT(text.charCodeAt(e))) e++;
    if (firstLT < 0) {
      m.commentStart = k;
      m.commentEnd = e;
    }
    m.end = e;
    return;
  }
  // Otherwise the match ends at a line break (or the end); the next scan skips whitespace from here.
  m.end = k >= n ? n : firstLT >= 0 ? firstLT : k;
}
