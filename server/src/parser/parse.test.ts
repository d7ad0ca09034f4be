import { parse as dotenvParse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './parse';
import type { EnvEntry, Span } from './types';

const slice = (text: string, s: Span | undefined): string | undefined => (s ? text.slice(s.start, s.end) : undefined);

function only(text: string): EnvEntry {
  const { entries } = parseEnv(text);
  expect(entries).toHaveLength(1);
  return entries[0] as EnvEntry;
}

/** Values as a plain list, so prototype differences cannot hide a mismatch. */
function valuesOf(text: string): [string, string][] {
  return Object.entries(parseEnv(text).values);
}

describe('parseEnv values (dotenv parity on the documented cases)', () => {
  const cases: [string, string][] = [
    ['plain', 'A=1\nB=two words\n'],
    ['export and colon separators', 'export A=1\nB: 2\nexport C: x\n'],
    ['three quote kinds', `A='single'\nB="double"\nC=\`back\`\n`],
    ['escapes expand only in double quotes', `A="a\\nb\\rc"\nB='a\\nb'\nC=\`a\\nb\`\nD=a\\nb\n`],
    ['multi-line values', 'A="line1\nline2"\nB=\'x\ny\'\nC=after\n'],
    ['# ends an unquoted value only', 'A=abc#123\nB=abc #c\nC="abc#123"\nD=\'a # b\'\n'],
    ['last duplicate wins', 'A=1\nB=x\nA=2\n'],
    ['lines without = are ignored', 'JUST_A_KEY\nA=1\nnot a line\n'],
    ['CRLF and lone CR', 'A=1\r\nB="x\r\ny"\r\nC=3\rD=4'],
    ['empty values', 'A=\nB=""\nC=\'\'\nD= # comment\n'],
    ['blanks around key and value', '  A  =   spaced out   \n\tB=\t1\t\n'],
    ['keys with dots and dashes', 'a.b=1\nc-d=2\n'],
    ['unterminated quotes read literally', 'A="abc\nB=\'x\nC=`y\n'],
    ['escaped quotes', `A="say \\"hi\\""\nB='it\\'s'\n`],
    ['separator across lines', 'KEY\n=value\n'],
    ['quoted value on the next line', "A=\n'x'\n"],
    ['colon needs a blank', 'A:x\nB: y\n'],
    ['export as a key', 'export=1\nexport = 2\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      expect(valuesOf(text)).toEqual(Object.entries(dotenvParse(text)));
    });
  }

  it('gives the documented results for the classic cases', () => {
    expect(valuesOf('P=abc#123\nQ="a\\nb"\nR=\'a\\nb\'\n')).toEqual([
      ['P', 'abc'],
      ['Q', 'a\nb'],
      ['R', 'a\\nb'],
    ]);
  });

  it('treats a leading BOM as whitespace, as dotenv does', () => {
    expect(valuesOf('\uFEFFA=1\n')).toEqual([['A', '1']]);
    expect(only('\uFEFFA=1').keySpan).toEqual({ start: 1, end: 2 });
  });

  it('returns a null-prototype object and leaves out __proto__ as dotenv does', () => {
    const { values, entries } = parseEnv('__proto__=x\nconstructor=y\ntoString=z\n');
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.keys(values)).toEqual(['constructor', 'toString']);
    expect(Object.keys(dotenvParse('__proto__=x\nconstructor=y\ntoString=z\n'))).toEqual(['constructor', 'toString']);
    expect(entries.map((e) => e.key)).toEqual(['__proto__', 'constructor', 'toString']);
  });
});

describe('parseEnv spans', () => {
  it('points at key, export, separator, raw value and inline comment', () => {
    const text = "export  API_KEY = 'abc' # note\n";
    const e = only(text);
    expect(slice(text, e.exportSpan)).toBe('export');
    expect(slice(text, e.keySpan)).toBe('API_KEY');
    expect(slice(text, e.separatorSpan)).toBe('=');
    expect(slice(text, e.rawSpan)).toBe("'abc'");
    expect(e.raw).toBe("'abc'");
    expect(e.quote).toBe("'");
    expect(e.value).toBe('abc');
    expect(slice(text, e.commentSpan)).toBe('# note');
    expect(e.separator).toBe('=');
  });

  it('excludes blanks from an unquoted raw value and cuts it at #', () => {
    const text = 'A=  some value  #c';
    const e = only(text);
    expect(e.raw).toBe('some value');
    expect(e.rawSpan).toEqual({ start: 4, end: 14 });
    expect(slice(text, e.commentSpan)).toBe('#c');
    expect(e.quote).toBeNull();
  });

  it('puts an empty value right after the separator', () => {
    const text = 'A=   \nB: \n';
    const [a, b] = parseEnv(text).entries;
    expect(a?.rawSpan).toEqual({ start: 2, end: 2 });
    expect(a?.raw).toBe('');
    expect(b?.separator).toBe(':');
    expect(b?.separatorSpan).toEqual({ start: 7, end: 8 });
    expect(b?.rawSpan).toEqual({ start: 8, end: 8 });
  });

  it('keeps CRLF in raw (the text as written) and LF in the value', () => {
    const text = 'A="x\r\ny"\r\nB=2';
    const [a, b] = parseEnv(text).entries;
    expect(a?.raw).toBe('"x\r\ny"');
    expect(a?.value).toBe('x\ny');
    expect(a?.line).toBe(0);
    expect(a?.endLine).toBe(1);
    expect(b?.line).toBe(2);
    expect(slice(text, b?.keySpan)).toBe('B');
  });

  it('does not take a comment on a later line as inline', () => {
    const e = only('A=\n# later\n');
    expect(e.commentSpan).toBeUndefined();
  });

  it('reports the quote only when both ends match', () => {
    expect(only('A="abc').quote).toBeNull();
    expect(only('A=`x`').quote).toBe('`');
    expect(only('A="').quote).toBeNull();
  });
});

describe('parseEnv duplicates, lines and comments', () => {
  it('marks every duplicate but the last as overridden', () => {
    const { entries } = parseEnv('A=1\nB=1\nA=2\nA=3\n__proto__=1\n__proto__=2\n');
    expect(entries.map((e) => `${e.key}:${e.overridden}`)).toEqual([
      'A:true',
      'B:false',
      'A:true',
      'A:false',
      '__proto__:true',
      '__proto__:false',
    ]);
  });

  it('classifies every physical line', () => {
    const text = '# head\n\nA="multi\nline"\nNO_EQUALS\n  \nB=1 # c\n';
    const { lines, comments } = parseEnv(text);
    expect(lines.map((l) => l.kind)).toEqual(['comment', 'blank', 'entry', 'continuation', 'ignored', 'blank', 'entry', 'blank']);
    expect(lines.map((l) => l.eol)).toEqual(['\n', '\n', '\n', '\n', '\n', '\n', '\n', '']);
    expect(lines[2]?.span).toEqual({ start: 8, end: 16 });
    expect(comments).toEqual([{ text: ' head', span: { start: 0, end: 6 }, line: 0 }]);
  });

  it('reads CRLF and lone CR line ends', () => {
    const { lines } = parseEnv('A=1\r\nB=2\rC=3');
    expect(lines.map((l) => [l.eol, l.kind])).toEqual([
      ['\r\n', 'entry'],
      ['\r', 'entry'],
      ['', 'entry'],
    ]);
  });

  it('gives the first and last line of an entry spread over lines', () => {
    const { entries, lines } = parseEnv('export\nKEY\n=\'v\'\n');
    expect(entries[0]?.line).toBe(0);
    expect(entries[0]?.endLine).toBe(2);
    expect(lines.map((l) => l.kind)).toEqual(['entry', 'continuation', 'continuation', 'blank']);
  });

  it('does not read comments inside a multi-line value', () => {
    const { comments } = parseEnv('A="x\n# not a comment\n"\n#real\n');
    expect(comments.map((c) => c.text)).toEqual(['real']);
  });

  it('classifies lines on first access, as ordinary enumerable properties', () => {
    const parsed = parseEnv('A=1\n# c\n');
    const copy = { ...parsed };
    expect(copy.lines.map((l) => l.kind)).toEqual(['entry', 'comment', 'blank']);
    expect(copy.lines).toBe(parsed.lines);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['lines', 'comments']));
    expect((JSON.parse(JSON.stringify(parsed)) as { comments: unknown[] }).comments).toHaveLength(1);
    parsed.comments = [];
    expect(parsed.comments).toEqual([]);
    expect(parsed.lines).toHaveLength(3);
  });

  it('builds a line index over the original text', () => {
    const parsed = parseEnv('A=1\r\nB=2');
    expect(parsed.lineIndex.positionAt(5)).toEqual({ line: 1, character: 0 });
    expect(parsed.text).toBe('A=1\r\nB=2');
  });
});

describe('parseEnv robustness', () => {
  it('never throws on binary garbage and lone surrogates', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    const parsed = parseEnv(garbage);
    expect(Object.entries(parsed.values)).toEqual(Object.entries(dotenvParse(garbage)));
    expect(parseEnv('A=\uD800\nB="\uDC00"').values.B).toBe('\uDC00');
  });

  it('parses a 1 MB line', () => {
    const big = 'A=' + 'x'.repeat(1 << 20) + '\nB="' + 'y'.repeat(1 << 20);
    const parsed = parseEnv(big);
    expect(parsed.values.A?.length).toBe(1 << 20);
    expect(parsed.values.B).toBe(dotenvParse(big).B);
  });

  it('handles an empty text', () => {
    const parsed = parseEnv('');
    expect(parsed.entries).toEqual([]);
    expect(parsed.lines).toEqual([{ index: 0, span: { start: 0, end: 0 }, eol: '', kind: 'blank' }]);
  });
});
