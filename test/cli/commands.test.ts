// The binary's dispatch: help, version, unknown commands, `serve` loaded lazily from
// dist/service.js, `token` handed over to its own module.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, m1ops, STACK_LINE, type Built } from './binary';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

let built: Built;
beforeAll(async () => {
  built = await buildCli();
});
afterAll(() => rmSync(built.root, { recursive: true, force: true }));

describe('m1-ops', () => {
  it('--version prints the package version', async () => {
    const r = await m1ops(built, ['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists the commands', async () => {
    const r = await m1ops(built, ['--help']);
    expect(r.code).toBe(0);
    for (const c of ['validate', 'parse', 'serve', 'token']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('validate --help and parse --help describe their options', async () => {
    const v = await m1ops(built, ['validate', '--help']);
    expect(v.code).toBe(0);
    for (const o of ['--profile', '--format', '--fail-on', '--connectivity', '--fix']) expect(v.stdout).toContain(o);
    const p = await m1ops(built, ['parse', '--help']);
    expect(p.stdout).toContain('--expand');
  });

  it('without a command, prints the help on stderr and exits 2', async () => {
    const r = await m1ops(built, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: m1-ops <command>');
  });

  it('an unknown command is a usage error: one line, exit 2', async () => {
    const r = await m1ops(built, ['vaildate']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'm1-ops: unknown command "vaildate" (see m1-ops --help)\n' });
  });
});

describe('serve', () => {
  it('loads service.js from beside cli.js only when asked, and hands it the arguments', async () => {
    writeFileSync(
      join(built.root, 'dist', 'service.js'),
      `exports.runServe = async (args) => { process.stdout.write('serve ' + JSON.stringify(args) + '\\n'); return 7; };\n`,
    );
    const r = await m1ops(built, ['serve', '--port', '0', '--dev']);
    expect(r).toEqual({ code: 7, stdout: 'serve ["--port","0","--dev"]\n', stderr: '' });
  });

  it('says what is wrong when service.js exports no runServe', async () => {
    writeFileSync(join(built.root, 'dist', 'service.js'), 'exports.other = 1;\n');
    const r = await m1ops(built, ['serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: ${join(built.root, 'dist', 'service.js')} does not export runServe(args)\n`);
  });

  it('keeps the service, fastify and the drivers out of the start-up path', () => {
    const cli = readFileSync(built.cli, 'utf8');
    expect(cli).not.toContain('node_modules/fastify/');
    // ioredis and pg are bundled but only behind `import()` in the connectivity checks: their
    // module bodies are wrapped by esbuild and run only when a check first needs them.
    // (esbuild output; revisit if the bundler changes how it lowers import()).
    expect(cli).toMatch(/const \{ Redis \} = await Promise\.resolve\(\)\.then\(/);
    expect(cli).toMatch(/const \{ default: pg\d* \} = await Promise\.resolve\(\)\.then\(/);
  });
});

describe('token', () => {
  it('hands its arguments to the token module', async () => {
    const r = await m1ops(built, ['token', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('m1-ops token');
  });

  it('reports an unreachable service as one line (no "unknown command", no stack)', async () => {
    const r = await m1ops(built, ['token', 'status'], { env: { M1_OPS_URL: 'http://127.0.0.1:9' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain('unknown command');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
