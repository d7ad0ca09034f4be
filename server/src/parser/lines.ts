// Classifies every physical line (as editors count them: \n, \r\n, lone \r) and collects full-line comments.
import { CR, HASH, LF, isWS } from './chars';
import type { EnvComment, EnvLine, LineKind } from './types';

/** Line kinds the entries already decided (entry / continuation); the rest is read from the text. */
export const KIND_UNSET = 0;
export const KIND_ENTRY = 1;
export const KIND_CONTINUATION = 2;

export interface ClassifiedLines {
  lines: EnvLine[];
  comments: EnvComment[];
}

export function classifyLines(text: string, lineStarts: readonly number[], marks: Uint8Array): ClassifiedLines {
  const lines: EnvLine[] = new Array<EnvLine>(lineStarts.length);
  const comments: EnvComment[] = [];
  const n = text.length;
  for (let l = 0; l < lineStarts.length; l++) {
    const start = lineStarts[l] as number;
    const next = l + 1 < lineStarts.length ? (lineStarts[l + 1] as number) : n;
    let end = next;
    let eol: EnvLine['eol'] = '';
    if (end > start && text.charCodeAt(end - 1) === LF) {
      end--;
      eol = '\n';
      if (end > start && text.charCodeAt(end - 1) === CR) {
        end--;
        eol = '\r\n';
      }
    } else if (end > start && text.charCodeAt(end - 1) === CR) {
      end--;
      eol = '\r';
    }
    let kind: LineKind;
    const mark = marks[l];
    if (mark === KIND_ENTRY) kind = 'entry';
    else if (mark === KIND_CONTINUATION) kind = 'continuation';
    else {
      let i = start;
      while (i < end && isWS(text.charCodeAt(i))) i++;
      if (i === end) kind = 'blank';
      else if (text.charCodeAt(i) === HASH) {
        kind = 'comment';
        comments.push({ text: text.slice(i + 1, end), span: { start: i, end }, line: l });
      } else kind = 'ignored';
    }
    lines[l] = { index: l, span: { start, end }, eol, kind };
  }
  return { lines, comments };
}
