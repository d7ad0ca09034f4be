// Which file names are example files (lint-only references, see docs/rules.md#example-files), and
// which siblings a file is compared with. Projects spell them many ways: `.env.example`,
// `.env.local.example` (Next.js), `.env.dist` (Symfony), `example.env`, `env.sample`, `.env_sample`,
// `.env.example.complete` … The name is cut into words at `.`, `_` and `-`; it is an example when it
// has the word `env` and a marker word that is the last word or sits right next to `env`. So
// `sample-app.env` (a real config of an app called "sample") is not one, `sample.env` is.
// `.env.defaults` is NOT an example: dotenv-defaults and dotenv-flow load it as real values.

const MARKERS = new Set(['example', 'examples', 'sample', 'samples', 'template', 'templates', 'tmpl', 'tpl', 'dist']);

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

export function isExampleFile(fileName: string): boolean {
  const words = baseName(fileName).toLowerCase().split(/[._-]/).filter((w) => w !== '');
  const env = words.indexOf('env');
  if (env < 0) return false;
  return words.some((w, i) => MARKERS.has(w) && (i === words.length - 1 || Math.abs(i - env) === 1));
}

/** Looked for in this order beside a file that is not an example itself (first found wins). */
export const EXAMPLE_NAMES = [
  '.env.example',
  '.env.sample',
  '.env.template',
  '.env.dist',
  'example.env',
  'env.example',
  'env.sample',
  '.env_sample',
  '.env_example',
] as const;

/**
 * The sibling names to try for a file: its own example first (`.env.local` → `.env.local.example`,
 * `.env.production` → `.env.production.sample`), then the project-wide ones.
 */
export function exampleCandidates(fileName: string): string[] {
  const base = baseName(fileName);
  const own = base.startsWith('.env.') ? ['example', 'sample', 'template', 'dist'].map((m) => `${base}.${m}`) : [];
  return [...own, ...EXAMPLE_NAMES];
}
