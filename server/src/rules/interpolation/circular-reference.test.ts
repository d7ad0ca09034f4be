import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { circularReference } from './circular-reference';
import { cyclicComponents } from './cycles';

describe('circular-reference', () => {
  it('says nothing about chains, defaults and undefined names', () => {
    expect(runRule(circularReference, 'A=1\nB=${A}\nC=${B}${A}\nD=${D:-x}\nE=$NOPE\n')).toEqual([]);
  });

  it('reports a self reference as an error', () => {
    const [f, ...rest] = runRule(circularReference, 'PATH_X=$PATH_X:/bin\n');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'circular-reference', level: 'error', key: 'PATH_X' });
    expect(f?.message).toContain('refers to itself');
    expect(f?.range).toEqual({ start: { line: 0, character: 7 }, end: { line: 0, character: 14 } });
  });

  it('reports every reference of a cycle with its path', () => {
    const fs = runRule(circularReference, 'A=${B}\nB=x${C}\nC=${A}\nD=${A}\n');
    expect(fs.map((f) => [f.key, f.range.start.line])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
    expect(fs[0]?.message).toContain('(A → B → C → A)');
  });

  it('reports a value whose expansion dotenv-expand never finishes', () => {
    const [f] = runRule(circularReference, 'A=${X:-$&}\n');
    expect(f).toMatchObject({ level: 'error', key: 'A' });
    expect(f?.message).toContain('never finishes');
    expect(f?.message).not.toContain('$&}');
  });
});

describe('cyclicComponents', () => {
  it('finds cycles in a long chain without deep recursion', () => {
    const graph = new Map<string, Set<string>>();
    const n = 50_000;
    for (let i = 0; i < n; i++) graph.set(`K${i}`, new Set([`K${(i + 1) % n}`]));
    graph.set('LONE', new Set());
    const c = cyclicComponents(graph);
    expect(c.size).toBe(n);
    expect(c.has('LONE')).toBe(false);
  });
});

describe('circular-reference on a huge cycle', () => {
  it('reports every key of a 10,000-key cycle with its size instead of a 10,000-key path', () => {
    const n = 10_000;
    const text = Array.from({ length: n }, (_, i) => `C${i}=\${C${(i + 1) % n}}`).join('\n');
    const fs = runRule(circularReference, text);
    expect(fs).toHaveLength(n);
    expect(fs[0]?.message).toContain('part of a reference cycle of 10000 keys (through C1)');
    expect(Math.max(...fs.map((f) => f.message.length))).toBeLessThan(300);
  });
});
