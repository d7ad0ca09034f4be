// A real third-party client: Debian's Neovim (0.7.2 on the CI machine; push diagnostics only, no
// snippets, no workspace/configuration) runs headless with vim.lsp.start_client against the built
// server (test/lsp/neovim/session.lua). Required under M1_REQUIRE_SERVICES=1 (CI installs `neovim`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { CREDENTIAL_CORPUS } from '../../server/src/catalog/secret-corpus';
import { ROOT } from './harness';

const NVIM = process.env.NVIM_PATH ?? 'nvim';
const available = spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).status === 0;
const required = inject('requireServices');
const nvimIt = available || required ? it : it.skip;

const ResultSchema = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  steps: z.array(z.string()),
  diagnostics_arrived: z.boolean(),
  diagnostics: z.array(z.object({ lnum: z.number(), code: z.string(), message: z.string(), severity: z.number() })),
  line0_actions: z.array(z.object({ title: z.string(), preferred: z.boolean() })),
  applied: z.string().nullable().optional(),
  lines_after_fix: z.array(z.string()),
  hover: z.unknown(),
  key_hover: z.unknown(),
  completion: z.array(z.object({ label: z.string(), format: z.number().optional(), text: z.string().optional() })),
});

const STRIPE = CREDENTIAL_CORPUS.find(([k]) => k === 'STRIPE_LIVE')?.[1] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'm1ops-nvim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


function runNeovim(file: string, result: string): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env, M1_NODE: process.execPath, M1_SERVER: join(ROOT, 'dist', 'server.js'), M1_RESULT: result, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir };
  const args = ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'neovim', 'session.lua')}`, file];
  // `timeout` only kills a Neovim that hangs (the script's own waits end long before); it never paces the test.
  const child = spawn(NVIM, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 100_000 });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe(`Neovim (${NVIM}) with vim.lsp.start_client`, () => {
  nvimIt('gets diagnostics, applies a quick fix, hovers without showing a secret, and completes in plain text', { timeout: 120_000 }, async () => {
    const file = join(dir, '.env');
    writeFileSync(file, `log_level=info\nNODE_ENV=prodution\nSTRIPE_LIVE=${STRIPE}\n\n`);
    const out = join(dir, 'result.json');
    const run = await runNeovim(file, out);
    expect(run.code, run.stderr).toBe(0);
    const r = ResultSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.diagnostics_arrived).toBe(true);
    const codes = r.diagnostics.map((d) => d.code);
    for (const rule of ['lowercase-key', 'unknown-key', 'invalid-value', 'committed-secret']) expect(codes).toContain(rule);
    expect(JSON.stringify(r.diagnostics)).not.toContain(STRIPE.slice(8));

    // One "Rename to LOG_LEVEL" although two rules propose it (Neovim would prompt between twins).
    expect(r.line0_actions.filter((a) => a.title === 'Rename to LOG_LEVEL')).toHaveLength(1);
    expect(r.applied).toContain('production');
    expect(r.lines_after_fix[1]).toBe('NODE_ENV=production');

    expect(JSON.stringify(r.hover)).not.toContain(STRIPE.slice(8));
    expect(JSON.stringify(r.hover)).toContain('STRIPE_LIVE');
    expect(JSON.stringify(r.key_hover)).toContain('NODE_ENV');

    expect(r.completion.length).toBeGreaterThan(10);
    expect(r.completion.every((i) => i.format !== 2)).toBe(true); // never a snippet: Neovim 0.7 declared none
    expect(r.completion.filter((i) => /\$\{?\d/.test(i.text ?? ''))).toEqual([]);
    expect(r.completion.find((i) => i.label === 'PORT')?.text).toBe('PORT=3000');
  });
});
