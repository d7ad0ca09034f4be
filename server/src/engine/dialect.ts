// Which reader a file is written for, from its name and the files beside it (docs/rules-syntax.md#dialects),
// unless the user says (`m1ops.validation.dialect`, `--dialect`). A Compose project's .env is read by
// Docker Compose, a Symfony or Laravel project's by a PHP dotenv; every other file by Node's dotenv.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dialect } from '../parser/dialect';
import { baseName } from './example-names';

export type DialectSource = 'explicit' | 'neighbour' | 'file-name' | 'default';

export interface DialectDecision {
  dialect: Dialect;
  source: DialectSource;
  reason: string;
}

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
// A PHP app reads its .env itself; when a compose file is there too (Laravel Sail), both readers agree
// on what matters here (literal single quotes, `#` after a blank), and the app's is the stricter.
const PHP_FILES = ['symfony.lock', 'composer.json'];

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function detectDialect(filePath: string, explicit?: Dialect, fileExists: (path: string) => boolean = exists): DialectDecision {
  if (explicit) return { dialect: explicit, source: 'explicit', reason: `chosen explicitly (${explicit})` };
  // `.env.dist` is Symfony's name for the committed defaults (before Symfony 4.2).
  if (/^\.env\.dist$/i.test(baseName(filePath))) return { dialect: 'php', source: 'file-name', reason: '.env.dist is a Symfony file' };
  const dir = dirname(filePath);
  const php = PHP_FILES.find((n) => fileExists(join(dir, n)));
  if (php) return { dialect: 'php', source: 'neighbour', reason: `${php} beside it` };
  const compose = COMPOSE_FILES.find((n) => fileExists(join(dir, n)));
  if (compose) return { dialect: 'compose', source: 'neighbour', reason: `${compose} beside it` };
  return { dialect: 'node', source: 'default', reason: 'no compose or PHP project file beside it' };
}
