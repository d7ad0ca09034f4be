// The language server as a process, spoken to over stdio like any editor would. One test file, so
// that one build (scripts/build.mjs) precedes every server the suites start.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { ROOT } from './harness';
import { connectivitySuite } from './suites/connectivity';
import { editingSuite } from './suites/editing';
import { modesSuite } from './suites/modes';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
});

editingSuite();
modesSuite();
connectivitySuite();
