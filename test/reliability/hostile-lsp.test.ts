// Hostile documents for the real language server over stdio: 100,000 keys, a huge line, deep and
// exponential interpolation chains, long cycles, thousands of unclosed `${`, an unterminated quote
// over the whole file, random bytes, and fast-check's random dotenv-like text. Each version must be
// validated (its run reported) within the bound, requests on it (hover, symbols, code actions,
// completion) answered within the bound, another document must stay responsive meanwhile, and the
// server must end cleanly (exit 0).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaries } from './support/build';
import { Figures } from './support/figures';
import { docUri, LspClient } from './support/lsp';
import { budget, scale } from './support/mode';

const RUNS = scale(25, 300);
const VALIDATION_BOUND_MS = 90_000; // beyond the server's own 60 s safety net for a run
const REQUEST_BOUND_MS = 30_000;
const figures = new Figures('hostile-lsp');
const timings: Record<string, { ms: number; outcome: string; chars: number }> = {};
let lsp: LspClient;

beforeAll(async () => {
  const bin = binaries();
  lsp = await LspClient.start(bin.server);
}, 120_000);
afterAll(() => {
  figures.set('documents', timings);
  figures.write();
  lsp?.kill();
});

const lines = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

const NAMED: Record<string, () => string> = {
  '100,000 keys': () => lines(100_000, (i) => `KEY_${i}=value-${i}`),
  'huge line': () => `HUGE=${'x'.repeat(scale(1_000_000, 5_000_000))}\nNODE_ENV=production\n`,
  'linear interpolation chain (10,000 deep)': () => 'A0=x\n' + lines(10_000, (i) => `A${i + 1}=\${A${i}}`),
  'exponential interpolation (2^64)': () => 'E0=0123456789\n' + lines(64, (i) => `E${i + 1}=\${E${i}}\${E${i}}`),
  'nested defaults (5,000 deep)': () => `D=${'${X:-'.repeat(5_000)}end${'}'.repeat(5_000)}\n`,
  'cycle of 10,000': () => lines(10_000, (i) => `C${i}=\${C${(i + 1) % 10_000}}`),
  '100,000 unclosed ${': () => `U=${'${'.repeat(100_000)}\n`,
  'unterminated quote over 100,000 lines': () => `Q="${'line\n'.repeat(100_000)}`,
  'random bytes (1 MB)': () => Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => (i * 2654435761) % 256)).toString('latin1'),
  'backslashes and dollars': () => `B="${'\\$'.repeat(200_000)}"\nS=${'$'.repeat(200_000)}\n`,
};

/** The requests an editor sends about a document; each must be answered within the bound. */
async function poke(uri: string, text: string, seed: number): Promise<void> {
  const lineCount = text.split('\n').length;
  const line = seed % Math.max(1, lineCount);
  const position = { line, character: seed % 50 };
  await lsp.ask('textDocument/hover', { textDocument: { uri }, position }, REQUEST_BOUND_MS);
  await lsp.ask('textDocument/documentSymbol', { textDocument: { uri } }, REQUEST_BOUND_MS);
  await lsp.ask('textDocument/completion', { textDocument: { uri }, position }, REQUEST_BOUND_MS);
  await lsp.ask('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }, REQUEST_BOUND_MS);
}

describe('hostile documents for the language server', () => {
  for (const [name, make] of Object.entries(NAMED)) {
    it(`${name}: validated and answered within the bound, another document stays responsive`, { timeout: budget(150_000, 300_000) }, async () => {
      const uri = docUri(`${name.replace(/\W+/g, '-')}.env`);
      const text = make();
      const t0 = performance.now();
      const v = await lsp.set(uri, text);
      // Meanwhile, a small document answers (validation runs off the main thread).
      const small = docUri('small.env');
      const sv = await lsp.set(small, 'NODE_ENV=production\nPORT=3000\n');
      await lsp.ask('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 2 } }, REQUEST_BOUND_MS);
      expect(await lsp.validated(small, sv, VALIDATION_BOUND_MS)).toBe('run');
      const outcome = await lsp.validated(uri, v, VALIDATION_BOUND_MS);
      timings[name] = { ms: Math.round(performance.now() - t0), outcome, chars: text.length };
      expect(outcome).toBe('run');
      await poke(uri, text, 7);
      await lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      expect(lsp.alive).toBe(true);
    });
  }

  it('random dotenv-like documents (fast-check)', { timeout: budget(150_000, 900_000) }, async () => {
    const piece = fc.oneof(
      fc.constantFrom('KEY', 'export ', '=', '"', "'", '`', '${', '}', ':-', '-', '#', ' ', '\t', '\n', '\r\n', '\r', '\\', '$', 'NODE_ENV', 'REDIS_URL', 'redis://u:p@h:1', 'JWT_SECRET', '\u0000', '\ufeff', '\u2028'),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const doc = fc.array(piece, { maxLength: 400 }).map((parts) => parts.join(''));
    const uri = docUri('random.env');
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(doc, fc.nat(), async (text, seed) => {
        const t0 = performance.now();
        const v = await lsp.set(uri, text);
        if ((await lsp.validated(uri, v, VALIDATION_BOUND_MS)) !== 'run') throw new Error(`validation failed for ${JSON.stringify(text).slice(0, 200)}`);
        await poke(uri, text, seed);
        worst = Math.max(worst, performance.now() - t0);
      }),
      { numRuns: RUNS },
    );
    timings['random documents'] = { ms: Math.round(worst), outcome: `run x${RUNS} (slowest shown)`, chars: 0 };
    expect(lsp.alive).toBe(true);
  });

  it('ends cleanly after all of it (shutdown, exit 0)', async () => {
    expect(await lsp.stop()).toBe(0);
  });
});
