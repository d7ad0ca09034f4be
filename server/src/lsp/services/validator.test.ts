import { afterEach, describe, expect, it } from 'vitest';
import { WorkerValidator } from './validator';

// Stand-in worker scripts (ES modules in data: URLs); the real one, dist/server.js, runs in test/lsp.
// This one answers every run, except that it exits on `die` and never answers `hang`.
const output = { findings: [], profile: 'development', profileSource: 'default', schema: 'generic', schemaReason: 'no M1_* variable', dialect: 'node', dialectReason: 'default', targets: [] };
const worker = (answer: string): URL =>
  new URL(
    `data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, input }) => {
  if (input.text === 'die') process.exit(3);
  if (input.text === 'hang') return;
  parentPort.postMessage({ id, ${answer} });
});`)}`,
  );
const ok = worker(`ok: true, output: ${JSON.stringify(output)}`);
const run = (text: string) => ({ text, fileName: '.env' });

let v: WorkerValidator | undefined;
afterEach(async () => {
  await v?.dispose();
});

describe('WorkerValidator', () => {
  it('returns what the worker answers, checked against the schema', async () => {
    v = new WorkerValidator(ok);
    expect(await v.validate(run('A=1'))).toEqual(output);
  });

  it('rejects with the error a worker reports', async () => {
    v = new WorkerValidator(worker(`ok: false, error: 'RangeError: too deep'`));
    await expect(v.validate(run('A=1'))).rejects.toThrow('RangeError: too deep');
  });

  it('rejects an answer that does not fit the schema', async () => {
    v = new WorkerValidator(worker(`ok: true, output: { findings: 'none' }`));
    await expect(v.validate(run('A=1'))).rejects.toThrow('malformed');
  });

  it('replaces a worker that dies, failing only the run it held', async () => {
    v = new WorkerValidator(ok);
    await expect(v.validate(run('die'))).rejects.toThrow('exited');
    expect(await v.validate(run('A=1'))).toEqual(output);
  });

  it('gives up on a run that never ends (the worker is then replaced, as when it dies)', async () => {
    v = new WorkerValidator(ok, 1);
    await expect(v.validate(run('hang'))).rejects.toThrow('took longer than 1 ms');
  });
});
