// The example file a validated file is compared with (example-sync rules). Local to the CLI until
// the engine exposes its own lookup (engine/example.ts): same directory, `<name>.example.env` for a
// `<name>.env`, else `.env.example`, `.env.sample`, `.env.template`, first that is a regular file.
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isExampleFile } from '../../engine/context';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function exampleSiblingOf(file: string): string | undefined {
  if (isExampleFile(file)) return undefined;
  const dir = dirname(file);
  const name = basename(file);
  const candidates = [
    ...(name.endsWith('.env') && !name.startsWith('.env') ? [`${name.slice(0, -'.env'.length)}.example.env`] : []),
    '.env.example',
    '.env.sample',
    '.env.template',
  ];
  for (const c of candidates) {
    const p = join(dir, c);
    if (isFile(p)) return p;
  }
  return undefined;
}
