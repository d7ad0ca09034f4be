// dotenv's post-processing of a matched value (node_modules/dotenv/lib/main.js, parse()):
//   value = value.trim(); maybeQuote = value[0];
//   value = value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2');
//   if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
// The raw text is already trimmed by the scanner. The unquoting regex is multiline, so a value holding
// U+2028/U+2029 can be unquoted piecewise ("x\u2028'y'" -> "x\u2028y"); that rare case runs the real regex.

const UNQUOTE = /^(['"`])([\s\S]*)\1$/gm;
const CRLF = /\r\n?/g;

/**
 * @param raw the trimmed value text from the original document
 * @param quotedMatch the scanner read it as a quoted value (it starts and ends with the same quote)
 * @param hasLineSeparator an unquoted value containing U+2028/U+2029
 */
export function dotenvValue(raw: string, quotedMatch: boolean, hasLineSeparator: boolean): string {
  if (raw.length === 0) return raw;
  const first = raw.charCodeAt(0);
  let value: string;
  if (quotedMatch) {
    value = raw.slice(1, -1);
    // dotenv normalises line breaks before matching; only a multi-line quoted value can hold a \r.
    if (value.includes('\r')) value = value.replace(CRLF, '\n');
  } else if (hasLineSeparator) {
    value = raw.replace(UNQUOTE, '$2');
  } else if (raw.length >= 2 && (first === 39 || first === 34 || first === 96) && raw.charCodeAt(raw.length - 1) === first) {
    value = raw.slice(1, -1);
  } else {
    value = raw;
  }
  if (first === 34 && value.includes('\\')) {
    value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  }
  return value;
}
