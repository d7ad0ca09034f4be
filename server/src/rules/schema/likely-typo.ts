// When a "did you mean" is likely (docs/rules.md#unknown-key). Within edit distance is not enough: most
// near names in real files are different variables. S3_REGION is not a misspelt M1_REGION, REDIS_SSL
// is not REDIS_URL, SOME_ENV is not NODE_ENV. A typo changes a few letters of a word; replacing a whole
// word (`S3` for `M1`, `SSL` for `URL`) or adding a vendor's prefix names something else.
import { boundedDistance } from '../support/distance';

/** First words that say "someone else's variable": a vendor, a framework's public prefix, a service. */
const FOREIGN_PREFIXES = new Set([
  'AWS', 'S3', 'GCP', 'GCS', 'GOOGLE', 'AZURE', 'NEXT', 'NEXT_PUBLIC', 'VITE', 'REACT', 'VUE', 'NUXT', 'EXPO', 'GATSBY', 'PUBLIC',
  'STRIPE', 'GITHUB', 'GITLAB', 'SUPABASE', 'FIREBASE', 'POSTGRES', 'PG', 'MYSQL', 'MARIADB', 'MONGO', 'MONGODB', 'DB', 'MAIL',
  'SMTP', 'SES', 'SQS', 'SNS', 'TWILIO', 'SLACK', 'OPENAI', 'VERCEL', 'NETLIFY', 'HEROKU', 'DOCKER', 'COMPOSE', 'APP', 'VUE_APP',
]);

function words(key: string): string[] {
  return key.split('_').filter((w) => w !== '');
}

/** A word's allowed edits: one, plus one per further three letters (MAX↔MX yes, URL↔SSL no). */
function wordBudget(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * `key` (upper case, not in the catalog) is likely a misspelling of `candidate`, which is within
 * `distance` edits of it: the edits are spread thinly over its words, and no word is replaced whole.
 */
export function isLikelyTypo(key: string, candidate: string, distance: number): boolean {
  if (distance === 0) return true; // differs only in letter case
  // Two edits only in a long name: in a short one they change a third of it.
  if (distance > 1 && candidate.length < 10) return false;
  const kw = words(key);
  const cw = words(candidate);
  const first = kw[0] ?? '';
  const firstTwo = kw.slice(0, 2).join('_');
  if ((FOREIGN_PREFIXES.has(first) || FOREIGN_PREFIXES.has(firstTwo)) && first !== cw[0]) return false;
  // A missing or extra `_` (JWTSECRET): the words do not line up, the total distance decides.
  if (kw.length !== cw.length) return true;
  return kw.every((w, i) => {
    const c = cw[i] ?? '';
    if (w === c) return true;
    const budget = wordBudget(c);
    const d = boundedDistance(w, c, budget);
    // Over budget, or as many edits as letters in the shorter word: a replaced word (S3↔M1, SSL↔URL).
    return d <= budget && d < Math.min(w.length, c.length);
  });
}
