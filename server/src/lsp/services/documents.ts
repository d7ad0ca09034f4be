// Where a document lives on disk (its name decides the profile) and its example sibling's text.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isExampleFile } from '../../engine/context';
import { exampleCandidates } from '../../engine/example';
const MAX_EXAMPLE_BYTES = 1 << 20;

/** A path for file: URIs, else the URI's path part (untitled:, vscode-remote:, …). */
export function fileNameOf(uri: string): string {
  try {
    const u = new URL(uri);
    if (u.protocol === 'file:') return fileURLToPath(u);
    return decodeURIComponent(u.pathname);
  } catch {
    return uri;
  }
}

/**
 * The example sibling's text, in the engine's order of names (findExampleSibling), each taken from
 * the editor when it is open there (unsaved edits count), else from disk.
 */
export function exampleTextFor(uri: string, openText: (uri: string) => string | undefined): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const path = fileNameOf(uri);
  if (isExampleFile(path)) return undefined;
  for (const name of exampleCandidates(path)) {
    const sibling = join(dirname(path), name);
    const open = openText(pathToFileURL(sibling).href);
    if (open !== undefined) return open;
    try {
      if (statSync(sibling).size > MAX_EXAMPLE_BYTES) continue;
      return readFileSync(sibling, 'utf8');
    } catch {
      // absent or unreadable: try the next name
    }
  }
  return undefined;
}
