import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { missingKey } from './missing-key';

const EXAMPLE = [
  'NODE_ENV=development',
  'PORT=3000',
  'JWT_SECRET=changeme',
  'DATABASE_URL=postgres://m1:example-pw@localhost/m1',
  'STRIPE_API_KEY=sk_test_example',
  'FEATURE_FLAGS="a b"',
].join('\n');

describe('missing-key', () => {
  it('says nothing without an example sibling or when every key is present', () => {
    expect(runRule(missingKey, 'PORT=1')).toEqual([]);
    expect(runRule(missingKey, 'A=1\nB=2', { exampleText: 'A=x\nB=y' })).toEqual([]);
  });

  it('reports all missing keys in one warning with one fix adding them all', () => {
    const text = 'NODE_ENV=development\n';
    const findings = runRule(missingKey, text, { exampleText: EXAMPLE });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ rule: 'missing-key', level: 'warning' });
    expect(f?.key).toBeUndefined();
    expect(f?.message).toContain('5 keys of the example file are missing here: PORT, JWT_SECRET, DATABASE_URL, STRIPE_API_KEY, FEATURE_FLAGS.');
    expect(f?.fixes).toHaveLength(1);
    expect(f?.fixes[0]).toMatchObject({ title: 'Add the 5 missing keys from the example file', safe: false });
    const fixed = applyEdits(text, f?.fixes[0]?.edits ?? []).split('\n');
    expect(fixed[1]).toBe('PORT=3000');
    expect(fixed[2]).toMatch(/^JWT_SECRET=[\w-]{64}$/); // generated, not the example's placeholder
    expect(fixed[3]).toBe('DATABASE_URL='); // a credential inside: left for the user
    expect(fixed[4]).toBe('STRIPE_API_KEY='); // secret-looking name
    expect(fixed[5]).toBe('FEATURE_FLAGS="a b"'); // copied as written, quotes included
  });

  it('names the key when only one is missing and does not run on the example itself', () => {
    expect(runRule(missingKey, 'A=1', { exampleText: 'A=1\nB=2' })[0]?.key).toBe('B');
    expect(runRule(missingKey, 'A=1', { exampleText: 'A=1\nB=2', fileName: '.env.example' })).toEqual([]);
  });
});
