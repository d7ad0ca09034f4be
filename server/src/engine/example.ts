// Finds the example sibling the example-sync rules compare a file with.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isExampleFile } from './context';

export const EXAMPLE_NAMES = ['.env.example', '.env.sample', '.env.template'] as const;

/** Path of the first of `.env.example`, `.env.sample`, `.env.template` next to the file; none for an example file itself. */
export function findExampleSibling(filePath: string): string | undefined {
  if (isExampleFile(filePath)) return undefined;
  const dir = dirname(filePath);
  for (const name of EXAMPLE_NAMES) {
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // absent or unreadable: try the next name
    }
  }
  return undefined;
}
