// STUB (owned by the token revocation work): `m1-ops token revoke|revoke-all|status|audit`.
/** Runs `m1-ops token <args>`; resolves to the process exit code. */
export async function runToken(_args: string[]): Promise<number> {
  process.stderr.write('m1-ops token: not implemented yet\n');
  return Promise.resolve(2);
}
