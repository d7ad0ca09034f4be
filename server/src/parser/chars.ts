// Character classes of dotenv's LINE regex, as char-code predicates (the scanner works on UTF-16 code units).
// `\s` in a JS regex without the `u` flag and String.prototype.trim() use the same set: WhiteSpace plus
// LineTerminator, which includes U+FEFF (so a leading BOM is plain whitespace to dotenv).

export const BACKSLASH = 92;
export const HASH = 35;
export const EQUALS = 61;
export const COLON = 58;
export const LF = 10;
export const CR = 13;

/** JS regex `\s` (and the set trim() removes). */
export function isWS(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Line terminators for `^`, `$` and `.` in a multiline JS regex. Only \n and \r end a line for editors. */
export function isLT(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

const KEY_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') KEY_CHARS[c.charCodeAt(0)] = 1;

/** `[\w.-]` without the `u` flag: ASCII only. A table: keys are the hottest loop of the scan. */
export function isKeyChar(c: number): boolean {
  return c < 128 && KEY_CHARS[c] === 1;
}

/** `'`, `"` or a backtick. */
export function isQuote(c: number): boolean {
  return c === 39 || c === 34 || c === 96;
}

/** First index >= i that is not whitespace (or text.length). */
export function skipWS(text: string, i: number): number {
  const n = text.length;
  while (i < n && isWS(text.charCodeAt(i))) i++;
  return i;
}
