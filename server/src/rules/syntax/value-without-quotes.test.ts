import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { valueWithoutQuotes } from './value-without-quotes';

describe('value-without-quotes', () => {
  it('says nothing about quoted or blank-free values', () => {
    expect(runRule(valueWithoutQuotes, 'A=one\nB="two words"\nC=\'x y\'\nD=   \nE="open quote\n')).toEqual([]);
  });

  it('reports an unquoted value with blanks, with a safe fix that keeps the value', () => {
    const text = 'GREETING=hello big world # hi\n';
    const [f] = runRule(valueWithoutQuotes, text);
    expect(f).toMatchObject({ rule: 'value-without-quotes', level: 'info', key: 'GREETING' });
    expect(f?.message).not.toContain('hello');
    expect(f?.range).toEqual({ start: { line: 0, character: 9 }, end: { line: 0, character: 24 } });
    expect(f?.fixes[0]?.safe).toBe(true);
    expect(applyFix(valueWithoutQuotes, text)).toBe("GREETING='hello big world' # hi\n");
  });

  it('picks a quote the value does not contain', () => {
    expect(applyFix(valueWithoutQuotes, "A=it's here\n")).toBe('A="it\'s here"\n');
    const text = 'A=it\'s "x" \\n\n';
    const fixed = applyFix(valueWithoutQuotes, text);
    expect(fixed).toBe('A=`it\'s "x" \\n`\n');
    expect(parseEnv(fixed).values.A).toBe(parseEnv(text).values.A);
  });
});
