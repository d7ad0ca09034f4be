// Turns the paths given to `validate` into the list of files to check. A file argument is taken
// as is (whatever its name: the user asked for it); a directory means every env file under it.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isExampleFile } from '../../engine/example-names';
import { fsErrorText } from './fs-errors';

/** `.env`, `.env.*` (including `.env.example`), `*.env`: the names config.md gives env files; plus every example spelling (`env.sample`, `.env_sample`, …). */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > '.env'.length) || isExampleFile(name);
}

/** Never descended into: dependencies and VCS data hold no env files of the project. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface Collected {
  /** In argument order; files found in a directory sorted by path. No duplicates. */
  files: string[];
  /** One line per path that could not be used (`path: reason`). */
  errors: string[];
}

export async function collectFiles(paths: readonly string[]): Promise<Collected> {
  const out: Collected = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = async (file: string): Promise<void> => {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) return;
    seen.add(real);
    out.files.push(file);
  };
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (e) {
      out.errors.push(`${p}: ${fsErrorText(e)}`);
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(p, found, out.errors);
      found.sort();
      for (const f of found) await add(f);
    } else {
      // Regular or not: the reader refuses FIFOs and devices with a clear message.
      await add(p);
    }
  }
  return out;
}

async function walk(dir: string, found: string[], errors: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`${dir}: ${fsErrorText(e)}`);
    return;
  }
  for (const d of entries) {
    const path = join(dir, d.name);
    if (d.isDirectory()) {
      if (!SKIPPED_DIRS.has(d.name)) await walk(path, found, errors);
    } else if (isEnvFileName(d.name)) {
      if (d.isFile()) found.push(path);
      // A symbolic link counts when it leads to a regular file; linked directories are not
      // followed (no cycles). FIFOs and sockets with env names are skipped silently here.
      else if (d.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false))) found.push(path);
    }
  }
}
