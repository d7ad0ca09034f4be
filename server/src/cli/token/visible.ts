// What the service sends back (jti, sub, tool, reason, actor, client: all chosen by whoever made the
// token or the request) is shown, never obeyed: control characters (C0, DEL, C1 such as the 8-bit CSI),
// Unicode line and paragraph separators, bidirectional overrides and zero-width characters are printed
// as escapes, so a jti cannot forge table rows, colour the terminal, clear the screen or set its title.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function escape(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** A value from the service, safe to print in a terminal (its own backslashes doubled first). */
export function visible(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(UNSAFE, escape);
}

/** JSON text with every such character as a \uXXXX escape (JSON.stringify leaves C1 and bidi as they are). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
