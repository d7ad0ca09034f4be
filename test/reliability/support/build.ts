// The binaries as users run them: bin/m1-ops.js → dist/cli.js (which loads dist/service.js), and
// dist/server.js (the language server). vitest's global setup builds dist/ once before any test file
// starts (atomic writes); tests never bundle product code themselves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export interface Binaries {
  /** bin/m1-ops.js */
  cli: string;
  /** dist/server.js (the language server; `--stdio`) */
  server: string;
}

export function binaries(): Binaries {
  for (const f of ['cli.js', 'service.js', 'server.js']) {
    if (!existsSync(join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run the suite through vitest (its global setup builds dist/) or npm run build`);
  }
  return { cli: join(ROOT, 'bin', 'm1-ops.js'), server: join(ROOT, 'dist', 'server.js') };
}
