import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index';

describe('LineIndex', () => {
  it('counts \\n, \\r\\n and lone \\r as line breaks', () => {
    const idx = new LineIndex('a\nbb\r\nccc\rd');
    expect(idx.lineStarts).toEqual([0, 2, 6, 10]);
    expect(idx.positionAt(7)).toEqual({ line: 2, character: 1 });
    expect(idx.offsetAt({ line: 1, character: 1 })).toBe(3);
    expect(idx.lineEnd(1)).toBe(4);
    expect(idx.lineEnd(3)).toBe(11);
  });
  it('clamps positions past the end of a line or the text', () => {
    const idx = new LineIndex('ab\ncd');
    expect(idx.offsetAt({ line: 0, character: 99 })).toBe(2);
    expect(idx.offsetAt({ line: 9, character: 0 })).toBe(5);
    expect(idx.positionAt(99)).toEqual({ line: 1, character: 2 });
  });
  it('maps a span to a range', () => {
    const idx = new LineIndex('KEY=value\nX=1');
    expect(idx.rangeOf({ start: 10, end: 11 })).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
  });
});
