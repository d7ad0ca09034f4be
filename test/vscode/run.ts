// Launches a downloaded VS Code with the extension under development and runs suite.ts inside it.
// `npm run test:vscode` (bundles both into out/vscode-tests first). Not part of `npm test`: VS Code
// cannot be downloaded on this project's CI machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = join(__dirname, '..', '..');

runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(__dirname, 'suite.js'),
  launchArgs: ['--disable-extensions', mkdtempSync(join(tmpdir(), 'm1-vscode-ws-'))],
}).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
