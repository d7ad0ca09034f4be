import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../shared/src/rule-ids';
import { ALL_RULES } from './index';

const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
const sections = new Set([...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]));

describe('docs/rules.md', () => {
  it('has a `## <rule-id>` section for every rule id, so that every diagnostic link resolves', () => {
    expect(RULE_IDS.filter((id) => !sections.has(id))).toEqual([]);
  });
  it('has the sections other pages link to', () => {
    for (const s of ['Fix safety', 'What messages show', 'Suppression comments', 'Profiles']) expect(sections.has(s), s).toBe(true);
  });
  it('every rule in the registry has a one-line description and a unique id', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) expect(r.description, r.id).toMatch(/^[A-Z].{10,200}\.$/);
  });
});
