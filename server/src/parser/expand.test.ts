import { parse as dotenvParse } from 'dotenv';
import { expand as dotenvExpand } from 'dotenv-expand';
import { describe, expect, it } from 'vitest';
import { expandEnv, expandEnvDetailed } from './expand';
import { parseEnv } from './parse';

function ours(text: string, processEnv: Record<string, string> = {}): [string, string][] {
  return Object.entries(expandEnv(parseEnv(text).values, processEnv));
}
function theirs(text: string, processEnv: Record<string, string> = {}): [string, string][] {
  return Object.entries(dotenvExpand({ parsed: { ...dotenvParse(text) }, processEnv: { ...processEnv } }).parsed ?? {});
}

describe('expandEnv (dotenv-expand parity)', () => {
  const cases: [string, string, Record<string, string>?][] = [
    ['braced and bare references', 'HOST=db\nURL=postgres://${HOST}:5432/$HOST\n'],
    ['defaults and alternates', 'A=\nB=${A:-dflt}\nC=${A-dflt}\nD=${B:+alt}\nE=${NOPE+alt}\n'],
    ['escaped dollars', 'A=1\nB=\\$A and \\${A} and $A\n'],
    ['single quotes are expanded too', "A=1\nB='$A'\n"],
    ['forward references see nothing yet', 'A=${B}\nB=1\n'],
    ['the process environment wins', 'A=${B}\nB=file\n', { B: 'process' }],
    ['short-circuit for variables already set', 'A=file\n', { A: 'process' }],
    ['self reference', 'A=${A}\n'],
    ['cycle', 'A=${B}\nB=${A}\n'],
    ['integer-like keys are expanded first', 'A=${1}\n1=one\n'],
    ['"null" splits like an operator', 'A=${Xnullfallback}\n'],
    ['$-patterns in a substituted value', 'B=x$$y\nA=${B}\n'],
    ['an escaped twin is replaced first', 'B=v\nA=\\${B} ${B}\n'],
  ];
  for (const [name, text, env] of cases) {
    it(name, () => {
      expect(ours(text, env)).toEqual(theirs(text, env));
    });
  }

  it('gives the documented results', () => {
    expect(ours('A=1\nB=${A:-x}${C:-d}$A\\$A\n')).toEqual([
      ['A', '1'],
      ['B', '1d1$A'],
    ]);
  });

  it('never mutates its inputs', () => {
    const values = { A: '${B}', B: 'x' };
    const env = { B: 'p' };
    expandEnv(values, env);
    expect(values).toEqual({ A: '${B}', B: 'x' });
    expect(env).toEqual({ B: 'p' });
  });
});

describe('expandEnv divergences (documented in expand.ts)', () => {
  it('reads only own properties where dotenv-expand walks the prototype', () => {
    expect(ours('A=$toString\nB=${constructor:-d}\n')).toEqual([
      ['A', ''],
      ['B', 'd'],
    ]);
    expect(ours('toString=1\nhasOwnProperty=${toString}\n')).toEqual([
      ['toString', '1'],
      ['hasOwnProperty', '1'],
    ]);
  });

  it('stops the loops dotenv-expand never leaves and names the keys', () => {
    expect(expandEnvDetailed(parseEnv('A=${X:-$&}\n').values).bounded).toEqual(['A']);
    expect(expandEnvDetailed(parseEnv("A='\\${B}'\nB='\\${A}'\nC=x${A}\n").values).bounded).toEqual(['C']);
    const growing = expandEnvDetailed(parseEnv('B=x$&y\nA=${B}\nD=ok\n').values);
    expect(growing.bounded).toEqual(['A']);
    expect(growing.values.A?.startsWith('xx')).toBe(true);
    expect(growing.values.D).toBe('ok');
  });

  it('reports nothing bounded for ordinary files', () => {
    expect(expandEnvDetailed(parseEnv('A=1\nB=${A}${A}\nC=${B}${B}\n').values)).toEqual({
      values: expect.objectContaining({ C: '1111' }) as unknown,
      bounded: [],
    });
  });
});
