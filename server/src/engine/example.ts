// Finds the example sibling the example-sync rules compare a file with.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exampleCandidates, isExampleFile } from './example-names';

export { EXAMPLE_NAMES, exampleCandidates } from './example-names';

/** Path of the first example sibling (exampleCandidates() order) next to the file; none for an example file itself. */
export function findExampleSibling(filePath: string): string | undefined {
  if (isExampleFile(filePath)) return undefined;
  const dir = dirname(filePath);
  for (const name of exampleCandidates(filePath)) {
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // absent or unreadable: try the next name
    }
  }
  return undefined;
}
