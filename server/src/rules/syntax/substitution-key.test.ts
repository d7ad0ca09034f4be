import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { substitutionKey } from './substitution-key';

describe('substitution-key', () => {
  it('says nothing about well-formed references, escapes and lone dollars', () => {
    const text = ['A=$B ${C} ${D:-x} ${E:-${F}}', 'G=\\${H', 'I=costs $5', "J='${K}'", 'L=${a.b}'].join('\n');
    expect(runRule(substitutionKey, text)).toEqual([]);
  });

  it('reports an unclosed ${ with a fix that closes it after the name', () => {
    const text = 'URL=http://${HOST/path\n';
    const [f] = runRule(substitutionKey, text);
    expect(f).toMatchObject({ rule: 'substitution-key', level: 'warning', key: 'URL' });
    expect(f?.message).toContain('never closed');
    expect(f?.message).not.toContain('HOST');
    expect(f?.range).toEqual({ start: { line: 0, character: 11 }, end: { line: 0, character: 17 } });
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyFix(substitutionKey, text)).toBe('URL=http://${HOST}/path\n');
    expect(applyFix(substitutionKey, 'A=${B${C}\n')).toBe('A=${B}${C}\n');
  });

  it('reports ${} and ${not a name} without a fix', () => {
    const fs = runRule(substitutionKey, 'A=x${}y\nB="${FOO!}"\n');
    expect(fs.map((f) => [f.key, f.range.start.character, f.range.end.character, f.fixes.length])).toEqual([
      ['A', 3, 6, 0],
      ['B', 3, 10, 0],
    ]);
  });

  it('reports a stray closing brace with a fix that opens it', () => {
    const [f] = runRule(substitutionKey, "A='$B}-x'\n");
    expect(f?.range).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 6 } });
    expect(applyFix(substitutionKey, "A='$B}-x'\n")).toBe("A='${B}-x'\n");
  });

  it('maps positions through double-quote escapes', () => {
    const [f] = runRule(substitutionKey, 'A="\\n${B"\n');
    expect(f?.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 8 } });
  });
});

describe('substitution-key on hostile values', () => {
  it('reports each of 100,000 unclosed `${` (one pass over the braces, not one rescan per `${`)', () => {
    const fs = runRule(substitutionKey, `U=${'${'.repeat(100_000)}\n`);
    expect(fs).toHaveLength(100_000);
    expect(fs[99_999]?.range.start.character).toBe(2 + 2 * 99_999);
  });
});
