// Child process for the kill -9 test: revokes tokens as fast as it can (40 in flight) and prints
// `ack <jti>` for each one only after the store said it is durable. The parent SIGKILLs it.
import { EmbeddedRevocationStore } from '../../service/src/revocation/embedded-store';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: embedded-child <dataDir>');
  const store = await EmbeddedRevocationStore.open({ dataDir: dir });
  process.stdout.write('ready\n');
  let n = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const jti = `kill9-${n++}`;
      await store.revoke(
        { jti, sub: 'victim', tool: null, reason: 'kill -9 test', actor: 'tester', revokedAt: new Date().toISOString(), expiresAt: null },
        Date.now() + 3_600_000,
        { action: 'revoke', actor: 'tester', client: null, reason: 'kill -9 test', jti, sub: 'victim' },
      );
      process.stdout.write(`ack ${jti}\n`);
    }
  };
  await Promise.all(Array.from({ length: 40 }, worker));
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
