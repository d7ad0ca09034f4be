// Maps each character of an entry's value (what dotenv yields) back to the document text, by replaying
// dotenv's transformations on (character, offset) pairs: line-break normalisation, the multiline unquoting
// regex, and `\n` / `\r` expansion in double quotes (value.ts). Used for reference spans, so it runs only
// for values that hold a `$`.
import type { EnvEntry } from './types';

export interface ValueOffsets {
  /** The value rebuilt from the replayed steps; equal to entry.value (the property test checks it). */
  value: string;
  /** Document offset where value character i starts. */
  start: Int32Array;
  /** Document offset where value character i ends (exclusive): two characters for `\n` or "\r\n". */
  end: Int32Array;
}

const UNQUOTE = /^(['"`])([\s\S]*)\1$/dgm;

export function valueOffsets(entry: EnvEntry): ValueOffsets {
  const raw = entry.raw;
  const base = entry.rawSpan.start;
  let chars: string[] = [];
  let starts: number[] = [];
  let ends: number[] = [];
  // dotenv turns "\r\n" and a lone "\r" into "\n" before anything else.
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\r') {
      const pair = raw[i + 1] === '\n';
      chars.push('\n');
      starts.push(base + i);
      ends.push(base + i + (pair ? 2 : 1));
      if (pair) i++;
    } else {
      chars.push(c);
      starts.push(base + i);
      ends.push(base + i + 1);
    }
  }
  const normalised = chars.join('');
  const drop = new Set<number>();
  for (const m of normalised.matchAll(UNQUOTE)) {
    const whole = m.indices?.[0];
    if (!whole) continue;
    drop.add(whole[0]);
    drop.add(whole[1] - 1);
  }
  if (drop.size > 0) {
    const keep = (_: unknown, i: number): boolean => !drop.has(i);
    chars = chars.filter(keep);
    starts = starts.filter(keep);
    ends = ends.filter(keep);
  }
  if (raw.startsWith('"')) {
    for (const letter of ['n', 'r']) {
      for (let i = 0; i + 1 < chars.length; i++) {
        if (chars[i] === '\\' && chars[i + 1] === letter) {
          chars.splice(i, 2, letter === 'n' ? '\n' : '\r');
          ends.splice(i, 2, ends[i + 1] as number);
          starts.splice(i + 1, 1);
        }
      }
    }
  }
  return { value: chars.join(''), start: Int32Array.from(starts), end: Int32Array.from(ends) };
}
