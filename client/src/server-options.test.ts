import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLIENT_ID, clientOptions, serverModule, serverOptions } from './server-options';

const root = join(__dirname, '..', '..');

it('starts the bundled dist/server.js over Node IPC, with an inspector only when debugging', () => {
  const o = serverOptions('/ext') as { run: { module: string; transport: number }; debug: { module: string; transport: number; options: { execArgv: string[] } } };
  expect(o.run).toEqual({ module: join('/ext', 'dist', 'server.js'), transport: 1 });
  expect(o.debug.module).toBe(o.run.module);
  expect(o.debug.options.execArgv).toContain('--inspect=6009');
});

it('points at the file the build produces', () => {
  const build = readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8');
  expect(build).toContain("out: 'dist/server.js'");
  expect(serverModule(root)).toBe(join(root, 'dist', 'server.js'));
});

it('selects dotenv documents, syncs the m1ops section and asks for status notifications', () => {
  const o = clientOptions();
  expect(o.documentSelector).toEqual([
    { language: 'dotenv', scheme: 'file' },
    { language: 'dotenv', scheme: 'untitled' },
  ]);
  expect(o.synchronize?.configurationSection).toBe('m1ops');
  expect(o.initializationOptions).toMatchObject({ statusNotifications: true });
  expect(CLIENT_ID).toBe('m1ops'); // => the client reads m1ops.trace.server
});
