import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCatalogMarkdown } from './doc';

describe('docs/catalog.md', () => {
  it('is what the catalog renders (run `node scripts/gen-catalog-doc.mjs` after changing the catalog)', () => {
    const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'catalog.md'), 'utf8');
    expect(page).toBe(renderCatalogMarkdown());
  });
  it('lists every variable once, secrets marked', () => {
    const md = renderCatalogMarkdown();
    expect(md.match(/^\| `[A-Z0-9_]+` \|/gm)).toHaveLength(62);
    expect(md).toMatch(/^\| `JWT_SECRET` \| `secret` \|.*\| whole value \|/m);
    expect(md).toMatch(/^\| `SENTRY_DSN` \|.*\| key \(user name part\) \|/m);
  });
});
