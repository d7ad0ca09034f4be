// unknown-key: a key that is not in the catalog. Info, since other programs may read it; a
// warning with a "Rename to" fix when it looks like a misspelt catalog key.
import type { Finding } from '../../../../shared/src/findings';
import { CATALOG, CATALOG_KEYS } from '../../catalog';
import type { Rule } from '../../engine/types';
import { boundedDistance, charProfile, profilesWithin } from '../support/distance';
import { finding, keyRange } from '../support/findings';
import { isLikelyTypo } from './likely-typo';

/**
 * Edit distance allowed for a suggestion. config.md says 2; for the 4-letter keys (PORT, HOST) that
 * would flag everyday variables such as HOME, so short catalog keys allow 1.
 */
function maxDistance(catalogKey: string): number {
  return catalogKey.length <= 4 ? 1 : 2;
}

const CANDIDATES = CATALOG_KEYS.map((key) => ({ key, max: maxDistance(key), profile: charProfile(key) }));
const scratch = charProfile('');

// Unknown keys recur across validations of the same document (every keystroke in the editor):
// remember the answers. Bounded so that a long-running language server does not grow without end.
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 20_000;

/**
 * The catalog key this one most likely means: same letters in another case, else the closest within
 * distance that is a likely typo (likely-typo.ts: S3_REGION is not M1_REGION).
 */
export function suggestKey(key: string): string | undefined {
  const cached = memo.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const upper = key.toUpperCase();
  let best: string | undefined = CATALOG.has(upper) ? upper : undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  if (!best) {
    const profile = charProfile(upper, scratch);
    for (const c of CANDIDATES) {
      if (Math.abs(c.key.length - upper.length) > c.max || !profilesWithin(profile, c.profile, c.max)) continue;
      const d = boundedDistance(upper, c.key, c.max);
      if (d <= c.max && d < bestDistance && isLikelyTypo(upper, c.key, d)) {
        best = c.key;
        bestDistance = d;
      }
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, best ?? null);
  return best;
}

export const unknownKey: Rule = {
  id: 'unknown-key',
  description: 'A key that is not an M1 variable; a warning with a rename fix when it looks like a misspelt one.',
  catalog: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const entry of ctx.parsed.entries) {
      if (CATALOG.has(entry.key)) continue;
      const range = keyRange(ctx, entry);
      const suggestion = suggestKey(entry.key);
      if (suggestion === undefined) {
        const message = `${entry.key} is not an M1 variable. Keep it if another program reads it (or turn unknown-key off); otherwise remove it.`;
        out.push(finding('unknown-key', 'info', message, range, { key: entry.key }));
      } else if (ctx.effective.has(suggestion)) {
        const message = `${entry.key} is not an M1 variable and looks like a misspelt ${suggestion}, which is also set in this file. Remove ${entry.key} unless another program reads it.`;
        out.push(finding('unknown-key', 'info', message, range, { key: entry.key }));
      } else {
        const message = `${entry.key} is not an M1 variable; did you mean ${suggestion}? Rename it, or keep it if another program reads it.`;
        // Not safe: after the rename the service reads a value it ignored until now.
        const fix = { title: `Rename to ${suggestion}`, edits: [{ range, newText: suggestion }], safe: false, preferred: true };
        out.push(finding('unknown-key', 'warning', message, range, { key: entry.key, fixes: [fix] }));
      }
    }
    return out;
  },
};
