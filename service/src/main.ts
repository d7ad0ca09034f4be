// STUB (owned by the control service work). Bundled as dist/service.js; the CLI loads it lazily
// for `m1-ops serve` so that `m1-ops validate` starts fast.
/** Runs `m1-ops serve <args>` until shutdown; resolves to the process exit code. */
export async function runServe(_args: string[]): Promise<number> {
  process.stderr.write('m1-ops serve: not implemented yet\n');
  return Promise.resolve(2);
}
