// Property tests: on generated hostile files, parseEnv agrees with dotenv.parse, expandEnv with
// dotenv-expand, and every span points at the text it names.
import { parse as dotenvParse } from 'dotenv';
import { expand as dotenvExpand } from 'dotenv-expand';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandEnvDetailed, findReferences } from './expand';
import { hostileText, mentionsPrototypeName } from './hostile';
import { parseEnv } from './parse';
import type { ParsedEnv, Span } from './types';
import { valueOffsets } from './value-offsets';

const RUNS = 4000;
const slice = (text: string, s: Span): string => text.slice(s.start, s.end);

// dotenv's own regex with the `d` flag, run as dotenv runs it (on CRLF-normalised text): the span oracle.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

interface OracleMatch {
  key: Span;
  /** The value group, trimmed, or null when absent or blank. */
  raw: Span | null;
}

function oracle(text: string): OracleMatch[] {
  // Normalised offset -> original offset.
  const map: number[] = [];
  let normalised = '';
  for (let i = 0; i < text.length; i++) {
    map.push(i);
    if (text[i] === '\r') {
      normalised += '\n';
      if (text[i + 1] === '\n') i++;
    } else normalised += text[i];
  }
  map.push(text.length);
  const out: OracleMatch[] = [];
  for (const m of normalised.matchAll(LINE)) {
    const k = m.indices?.[1];
    const v = m.indices?.[2];
    if (!k) throw new Error('LINE always captures a key');
    let raw: Span | null = null;
    if (v && m[2] !== undefined) {
      const lead = m[2].length - m[2].trimStart().length;
      const trail = m[2].length - m[2].trimEnd().length;
      if (v[0] + lead < v[1] - trail) raw = { start: map[v[0] + lead] as number, end: (map[v[1] - trail - 1] as number) + 1 };
    }
    out.push({ key: { start: map[k[0]] as number, end: (map[k[1] - 1] as number) + 1 }, raw });
  }
  return out;
}

function checkInvariants(text: string, parsed: ParsedEnv): void {
  const { entries, lines, lineIndex } = parsed;
  expect(Object.entries(parsed.values)).toEqual(Object.entries(dotenvParse(text)));
  expect(Object.getPrototypeOf(parsed.values)).toBeNull();

  const expected = oracle(text);
  expect(entries.map((e) => e.keySpan)).toEqual(expected.map((o) => o.key));
  entries.forEach((e, i) => {
    const o = expected[i];
    if (o?.raw) expect(e.rawSpan).toEqual(o.raw);
    else expect(e.rawSpan).toEqual({ start: e.separatorSpan.end, end: e.separatorSpan.end });
    expect(slice(text, e.keySpan)).toBe(e.key);
    expect(slice(text, e.rawSpan)).toBe(e.raw);
    expect(slice(text, e.separatorSpan)).toBe(e.separator);
    if (e.exportSpan) expect(slice(text, e.exportSpan)).toBe('export');
    if (e.commentSpan) expect(slice(text, e.commentSpan)).toMatch(/^#[^\n\r\u2028\u2029]*$/);
    expect(e.line).toBeLessThanOrEqual(e.endLine);
    expect(lines[e.line]?.kind).toBe('entry');
    expect(e.overridden).toBe(entries.slice(i + 1).some((later) => later.key === e.key));
    expect(valueOffsets(e).value).toBe(e.value);
  });

  expect(lines).toHaveLength(lineIndex.lineCount);
  let offset = 0;
  for (const l of lines) {
    expect(l.span.start).toBe(offset);
    offset = l.span.end + l.eol.length;
  }
  expect(offset).toBe(text.length);
  for (const c of parsed.comments) {
    expect(lines[c.line]?.kind).toBe('comment');
    expect(slice(text, c.span)).toBe(`#${c.text}`);
  }
  for (const r of findReferences(parsed)) {
    expect(r.span.start).toBeGreaterThanOrEqual(r.entry.rawSpan.start);
    expect(r.span.end).toBeLessThanOrEqual(r.entry.rawSpan.end);
    expect(text[r.span.start]).toBe('$');
  }
}

describe('parseEnv against dotenv (property)', () => {
  it('has dotenv values, exact spans and consistent lines on hostile files', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        checkInvariants(text, parseEnv(text));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('expandEnv against dotenv-expand (property)', () => {
  const processEnvs = fc.constantFrom<Record<string, string>>({}, { A: 'from-process', X: '' }, { B: '$A', C: '${A}' });
  it('expands like dotenv-expand without touching its inputs', () => {
    fc.assert(
      fc.property(hostileText, processEnvs, (text, processEnv) => {
        fc.pre(!mentionsPrototypeName(text));
        const values = parseEnv(text).values;
        const before = JSON.stringify([values, processEnv]);
        const ours = expandEnvDetailed(values, processEnv);
        expect(JSON.stringify([values, processEnv])).toBe(before);
        // A bounded expansion is one dotenv-expand never finishes: nothing to compare against.
        if (ours.bounded.length > 0) return;
        const theirs = dotenvExpand({ parsed: { ...dotenvParse(text) }, processEnv: { ...processEnv } }).parsed ?? {};
        expect(Object.entries(ours.values)).toEqual(Object.entries(theirs));
      }),
      { numRuns: RUNS },
    );
  });
});
