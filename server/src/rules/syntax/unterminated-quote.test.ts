import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { unterminatedQuote } from './unterminated-quote';

describe('unterminated-quote', () => {
  it('says nothing about closed quotes and multi-line values without entry-like lines', () => {
    const text = 'A="x"\nB=\'y\' # c\nKEY="-----BEGIN KEY-----\nMIIBvQIBADANBgkqhkiG9w0BAQEFAASC=\n-----END KEY-----"\n';
    expect(runRule(unterminatedQuote, text)).toEqual([]);
  });

  it('reports a quote never closed, which dotenv keeps in the value', () => {
    const text = 'TOKEN="abc\nNEXT=1\n';
    expect(parseEnv(text).values.TOKEN).toBe('"abc');
    const [f] = runRule(unterminatedQuote, text);
    expect(f).toMatchObject({ rule: 'unterminated-quote', level: 'warning', key: 'TOKEN' });
    expect(f?.message).not.toContain('abc');
    expect(f?.range).toEqual({ start: { line: 0, character: 6 }, end: { line: 0, character: 10 } });
    expect(f?.fixes[0]?.safe).toBe(false);
    const fixed = applyFix(unterminatedQuote, text);
    expect(fixed).toBe('TOKEN="abc"\nNEXT=1\n');
    expect(parseEnv(fixed).values.TOKEN).toBe('abc');
  });

  it('reports text after a closing quote, without a fix', () => {
    const [f] = runRule(unterminatedQuote, "A='x' y\n");
    expect(f?.message).toContain('text after its closing quote');
    expect(f?.fixes).toEqual([]);
  });

  it('reports a quote that closes lines later and swallows entries', () => {
    const text = 'A="start\nB=2\nC=3"\n';
    expect(Object.keys(parseEnv(text).values)).toEqual(['A']);
    const [f] = runRule(unterminatedQuote, text);
    expect(f?.message).toContain('on line 1 closes only on line 3');
    expect(f?.message).toContain('line 2 and others');
    expect(f?.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
  });
});
