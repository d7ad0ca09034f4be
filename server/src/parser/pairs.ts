// Keys and values as dotenv reads them, without positions, lines or a line index: for the quick
// "does this edit change what dotenv reads?" checks of fixes, which re-read a few lines at a time.
import { newRawMatch, nextMatch } from './scan';
import { dotenvValue } from './value';

/** [key, value] for every entry in source order, duplicates included. */
export function readPairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  const m = newRawMatch();
  let pos = 0;
  while (nextMatch(text, pos, m)) {
    pos = m.end;
    out.push([text.slice(m.keyStart, m.keyEnd), dotenvValue(text.slice(m.rawStart, m.rawEnd), m.quotedMatch, m.hasLineSeparator)]);
  }
  return out;
}
