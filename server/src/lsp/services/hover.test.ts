import type { MarkupContent } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { hover } from './hover';
import type { ParsedDocument } from './parsed';
import { testCatalog } from './test-catalog';
import { CREDENTIAL_CORPUS, ORDINARY_CORPUS, secretPartsOf } from '../../catalog/secret-corpus';

/** A parsed document whose interpolated values are given by the test. */
function doc(text: string, expanded: Record<string, string> = {}): ParsedDocument {
  const parsed = parseEnv(text);
  return { version: 1, parsed, expanded: () => ({ ...parsed.values, ...expanded }) };
}
const text = (d: ParsedDocument, line: number, character: number): string =>
  ((hover(d, { line, character }, testCatalog, { profile: 'production', source: 'file-name' })?.contents as MarkupContent | undefined)?.value ?? '');

describe('hover on a key', () => {
  it('shows description, type, default, allowed values, requirement, rules and the profile', () => {
    const h = text(doc('NODE_ENV=test\n'), 0, 2);
    expect(h).toContain('**NODE_ENV** · deployment');
    expect(h).toContain('Which kind of deployment this is.');
    expect(h).toContain('| Default | `development` |');
    expect(h).toContain('`staging`');
    expect(h).toContain('| Required | optional |');
    expect(h).toContain('[`invalid-value`](https://');
    expect(h).toContain('Profile in force: `production` (from the file name)');
  });

  it('says so for a key the catalog does not know', () => {
    expect(text(doc('MY_FLAG=1\n'), 0, 1)).toContain('not an M1 variable');
  });

  it('answers with the key range', () => {
    const h = hover(doc('  PORT=1\n'), { line: 0, character: 3 }, testCatalog);
    expect(h?.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 6 } });
  });
});

describe('hover on a value', () => {
  it('shows the value as dotenv reads it, after interpolation', () => {
    const h = text(doc('HOST=h\nM1_API_BASE_URL="http://${HOST}:1"\n', { M1_API_BASE_URL: 'http://h:1' }), 1, 20);
    expect(h).toContain('after interpolation');
    expect(h).toContain('http://h:1');
  });

  it('never shows a secret, nor a value that interpolates one', () => {
    const d = doc('JWT_SECRET=hunter2hunter2\nX=${JWT_SECRET}\n', { X: 'hunter2hunter2' });
    const own = text(d, 0, 14);
    const interpolated = text(d, 1, 4);
    expect(own).toContain('is a secret');
    expect(own + interpolated).not.toContain('hunter2');
  });

  it('hides values of unknown keys whose name says secret', () => {
    expect(text(doc('STRIPE_API_KEY=sk_live_123456\n'), 0, 18)).not.toContain('sk_live');
  });

  it('hides values shaped like a credential whatever the name, PEM blocks included, and shows ordinary ones', () => {
    for (const [key, value] of CREDENTIAL_CORPUS) {
      const d = doc(`${key}=${value}\nALIAS=\${${key}}\n`);
      const shown = text(d, 0, key.length + 3) + text(d, 1, 8);
      for (const part of secretPartsOf(value)) expect(shown, key).not.toContain(part);
    }
    for (const [key, value] of ORDINARY_CORPUS) {
      if (value === '') continue;
      expect(text(doc(`${key}=${value}\n`), 0, key.length + 2), key).toContain(value);
    }
  });

  it('renders plain text for a client that did not declare markdown', () => {
    const h = hover(doc('PORT=1\n'), { line: 0, character: 1 }, testCatalog, undefined, false);
    expect(h?.contents).toMatchObject({ kind: 'plaintext' });
    const value = (h?.contents as MarkupContent).value;
    expect(value).toContain('PORT · api');
    expect(value).toContain('Default: 3000');
    expect(value).not.toMatch(/\*\*|`|\|/);
  });

  it('masks URL passwords', () => {
    const h = text(doc('REDIS_URL=redis://:s3cretpw@cache:6379\n'), 0, 15);
    expect(h).toContain('redis://:****@cache:6379');
    expect(h).not.toContain('s3cretpw');
  });

  it('says when a later line overrides the value', () => {
    expect(text(doc('PORT=1\nPORT=2\n'), 0, 5)).toContain('dotenv uses the last one');
  });

  it('is null away from entries', () => {
    expect(hover(doc('# comment\n'), { line: 0, character: 3 }, testCatalog)).toBeNull();
  });
});

it('keeps a value exactly as dotenv reads it in a plain-text hover', () => {
  const h = hover(doc('GREETING="**hi** | `there` |"\n'), { line: 0, character: 12 }, testCatalog, undefined, false);
  expect((h?.contents as MarkupContent).value).toContain('**hi** | `there` |');
});
