import { describe, expect, it } from 'vitest';
import { findReferences } from './expand';
import { parseEnv } from './parse';
import { referenceName } from './reference-pattern';

function refs(text: string): [string, string, boolean, boolean][] {
  const parsed = parseEnv(text);
  return findReferences(parsed).map((r) => [r.name, text.slice(r.span.start, r.span.end), r.braced, r.hasOperator]);
}

describe('findReferences', () => {
  it('finds every form with its span in the document', () => {
    expect(refs('A=$X ${Y} ${Z:-d} ${P-d} ${Q:+a} ${R+a}\n')).toEqual([
      ['X', '$X', false, false],
      ['Y', '${Y}', true, false],
      ['Z', '${Z:-d}', true, true],
      ['P', '${P-d}', true, true],
      ['Q', '${Q:+a}', true, true],
      ['R', '${R+a}', true, true],
    ]);
  });

  it('skips escaped references', () => {
    expect(refs('A=\\$X \\${Y} $Z\n').map((r) => r[0])).toEqual(['Z']);
  });

  it('reads single-quoted values too, as dotenv-expand does', () => {
    expect(refs("A='${X}'\n")).toEqual([['X', '${X}', true, false]]);
  });

  it('maps through quotes, CRLF and double-quote escapes', () => {
    const text = 'A="a\\n${X}\r\n$Y"\r\nB=`${Z}`';
    expect(refs(text)).toEqual([
      ['X', '${X}', true, false],
      ['Y', '$Y', false, false],
      ['Z', '${Z}', true, false],
    ]);
  });

  it('ignores malformed substitutions dotenv-expand leaves alone', () => {
    expect(refs('A=${X\nB=${}\nC=$1\n')).toEqual([]);
  });

  it('keeps the entry the reference sits in', () => {
    const parsed = parseEnv('A=1\nB=$A\n');
    expect(findReferences(parsed)[0]?.entry.key).toBe('B');
  });
});

describe('referenceName', () => {
  it('splits on the first operator, and on "null" as dotenv-expand does', () => {
    expect(referenceName('A:-x')).toEqual({ name: 'A', hasOperator: true });
    expect(referenceName('A')).toEqual({ name: 'A', hasOperator: false });
    expect(referenceName('Anullb')).toEqual({ name: 'A', hasOperator: true });
  });
});
