import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from '../syntax/fix-test-helper';
import { undefinedReference } from './undefined-reference';

describe('undefined-reference', () => {
  it('says nothing about defined names, names with a default, and escapes', () => {
    const text = 'HOST=db\nA=${HOST} $HOST ${LATER} ${NOPE:-x} ${NOPE-x} ${NOPE:+y} \\$NOPE\nLATER=1\n';
    expect(runRule(undefinedReference, text)).toEqual([]);
  });

  it('warns with the name and what dotenv-expand substitutes', () => {
    const text = 'URL=http://${HOST}:8080\n';
    const [f] = runRule(undefinedReference, text);
    expect(f).toMatchObject({ rule: 'undefined-reference', level: 'warning', key: 'URL' });
    expect(f?.message).toContain('refers to HOST, which is not set in this file');
    expect(f?.message).toContain('substitutes an empty string');
    expect(f?.range).toEqual({ start: { line: 0, character: 11 }, end: { line: 0, character: 18 } });
    expect(f?.fixes.map((x) => [x.title, x.safe])).toEqual([
      ['Define HOST in this file', false],
      ['Escape the `$` (it is part of the value)', false],
    ]);
    expect(applyFix(undefinedReference, text)).toBe('URL=http://${HOST}:8080\nHOST=\n');
    expect(applyFix(undefinedReference, text, 0, 1)).toBe('URL=http://\\${HOST}:8080\n');
  });

  it('reports bare $NAME in any quotes, and ignores overridden lines', () => {
    expect(runRule(undefinedReference, "A='$X'\n").map((f) => f.range.start.character)).toEqual([3]);
    expect(runRule(undefinedReference, 'A=$X\nA=1\n')).toEqual([]);
  });

  it('never shows what follows the $ in a value that may be a secret', () => {
    const text = 'DB_PASSWORD=hunter$abc2\n';
    const [f] = runRule(undefinedReference, text);
    expect(f?.message).not.toContain('abc');
    expect(f?.fixes.map((x) => x.title).join()).not.toContain('abc');
    expect(applyFix(undefinedReference, text)).toBe('DB_PASSWORD=hunter\\$abc2\n');
  });
});
