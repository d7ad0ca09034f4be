// What `npm run package` puts in the .vsix: the bundled client and server and the manifest's
// assets, nothing else (no sources, tests, maps, service code, node_modules or env files).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
let files: string[] = [];

beforeAll(() => {
  // dist/ is built by the test suite's global setup.
  const out = execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  files = out.split('\n').map((l) => l.trim()).filter(Boolean);
});

it('holds the bundled extension and language server with the manifest assets', () => {
  for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/client.js', 'dist/server.js', 'media/icon.png', 'syntaxes/dotenv.tmLanguage.json', 'language-configuration.json']) {
    expect(files, f).toContain(f);
  }
});

it('holds no sources, tests, source maps, service code, dependencies or env files', () => {
  const forbidden = files.filter(
    (f) =>
      /\.(ts|mts|map|vsix)$/.test(f) ||
      /^(client|server|service|shared|test|bench|scripts|examples|node_modules|\.ci|\.git)\//.test(f) ||
      /(^|\/)\.env/.test(f) ||
      /^dist\/(cli|service)\.js$/.test(f),
  );
  expect(forbidden).toEqual([]);
});
