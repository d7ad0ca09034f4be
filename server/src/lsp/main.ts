// Entry point of dist/server.js: `m1-ops-language-server --stdio` for any editor, `--node-ipc`
// when the VS Code extension starts it. The same bundle is the validation worker's script.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION } from './handlers/lifecycle';
import { startServer } from './server';
import { serveValidations, VALIDATOR_ROLE, WorkerValidator } from './services/validator';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)/;
const USAGE = `usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=PORT | --pipe=NAME
The M1 Ops language server (diagnostics, quick fixes, hover, completion for M1 .env files).\n`;

function isValidatorWorker(): boolean {
  const data: unknown = workerData;
  return !isMainThread && typeof data === 'object' && data !== null && (data as { role?: unknown }).role === VALIDATOR_ROLE;
}

function main(argv: readonly string[]): void {
  if (isValidatorWorker() && parentPort) return serveValidations(parentPort);
  if (argv.includes('--version')) return void process.stdout.write(`${SERVER_VERSION}\n`);
  if (!argv.some((a) => TRANSPORTS.test(a))) {
    const help = argv.includes('--help');
    (help ? process.stdout : process.stderr).write(USAGE);
    process.exitCode = help ? 0 : 2;
    return;
  }
  // createConnection reads the transport from argv (and, for --stdio, routes console.* to the client).
  startServer(createConnection(ProposedFeatures.all), new WorkerValidator(__filename));
}

main(process.argv.slice(2));
