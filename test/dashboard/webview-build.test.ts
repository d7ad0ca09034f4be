// The page's sources are browser code outside the root tsconfig.json (which has Node types):
// client/webview/tsconfig.json checks them without Node globals, and this test runs it so that
// `npm test` covers them. Also: the vendored uPlot stylesheet matches the installed uPlot.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/static-page';

describe('the webview sources', () => {
  it('type-check as browser code (no Node globals)', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await promisify(execFile)(process.execPath, [tsc, '-p', join(ROOT, 'client', 'webview', 'tsconfig.json'), '--noEmit'], { cwd: ROOT }).then(
      () => ({ code: 0, out: '' }),
      (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }),
    );
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('ship the uPlot stylesheet of the installed uPlot', () => {
    const vendored = readFileSync(join(ROOT, 'media', 'vendor', 'uPlot.min.css'), 'utf8');
    expect(vendored).toBe(readFileSync(join(ROOT, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), 'utf8'));
  });
});
