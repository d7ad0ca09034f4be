import { describe, expect, it } from 'vitest';
import { fixAll } from '../../engine/apply-fixes';
import { validate } from '../../engine/validate';
import { CREDENTIAL_CORPUS, ORDINARY_CORPUS, secretPartsOf } from '../../catalog/secret-corpus';
import { runRule } from '../testing';
import { committedSecret, isUsuallyCommitted } from './committed-secret';

const LIVE = CREDENTIAL_CORPUS.filter(([, , live]) => live);

describe('committed-secret', () => {
  it.each(LIVE)('reports %s as critical in .env.example, without quoting it', (key, value) => {
    const [f, ...rest] = runRule(committedSecret, `${key}=${value}\n`, { fileName: '.env.example' });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'committed-secret', level: 'critical', key });
    expect(f?.message).toMatch(/^Critical: /);
    expect(f?.message).toContain('Replace with a placeholder and rotate the credential');
    for (const part of secretPartsOf(value)) expect(f?.message).not.toContain(part);
    expect(f?.fixes).toHaveLength(1);
    expect(f?.fixes[0]).toMatchObject({ safe: false });
    expect(f?.fixes[0]?.edits[0]?.newText).toMatch(/^"?<your-[a-z0-9-]+>"?$/);
  });

  it('is a warning in a file that is usually not committed', () => {
    const [f] = runRule(committedSecret, `GH=${LIVE[4]?.[1] ?? ''}\n`, { fileName: '.env' });
    expect(f).toMatchObject({ level: 'warning' });
    expect(f?.message).toContain('replace with a placeholder and rotate the credential');
  });

  it('ignores public material, URL passwords, random strings and ordinary values', () => {
    const text = [...CREDENTIAL_CORPUS.filter(([, , live]) => !live), ...ORDINARY_CORPUS].map(([k, v]) => `${k}=${v}`).join('\n');
    expect(runRule(committedSecret, text, { fileName: '.env.example' })).toEqual([]);
  });

  it('ignores documentation placeholders with a credential prefix', () => {
    const text = 'A=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nB=ghp_YOUR_GITHUB_TOKEN_GOES_HERE_1234567890ab\n';
    expect(runRule(committedSecret, text, { fileName: '.env.example' })).toEqual([]);
  });

  it('knows which files are usually committed', () => {
    for (const name of ['.env.example', '.env.sample', '.env.template', 'app.env.template', 'config/.env.dist', '.env.defaults', 'prod.example.env']) {
      expect(isUsuallyCommitted(name), name).toBe(true);
    }
    for (const name of ['.env', '.env.local', '.env.production', 'app.env']) expect(isUsuallyCommitted(name), name).toBe(false);
  });

  it('runs through the engine on example files (where semantic rules do not), and is never applied by fix-all', () => {
    const text = `STRIPE_LIVE=${LIVE[0]?.[1] ?? ''}\n`;
    const r = validate(text, { fileName: '.env.example' });
    expect(r.findings.map((f) => f.rule)).toContain('committed-secret');
    expect(fixAll(text, { fileName: '.env.example' }).text).toBe(text);
  });
});
