// `m1-ops serve`: bundled as dist/service.js; the CLI loads it lazily and calls runServe(args).
// Order: arguments → (--dev: a generated admin secret) → the validator's check of the service's own
// variables (refuse on critical/error) → configuration → store, app, listen → (--dev banner, --demo
// traffic) → run until SIGINT/SIGTERM → graceful shutdown (stop accepting, end SSE streams with a final
// comment, close the store) → exit code.
import { randomBytes } from 'node:crypto';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServiceConfig } from './config';
import { closeDeps, createDeps, type AppDeps } from './deps';
import { startDemoTraffic } from './demo/generator';
import { SCOPES, signAdminToken } from './http/auth';
import { ArgsError, SERVE_USAGE, parseServeArgs, type ServeArgs } from './startup/args';
import { checkEnvironment, formatFindings } from './startup/env-check';
import { MigrationError } from './history/migrations';
import { DataDirLockedError } from './store/data-dir-lock';
import { describeTopology } from './redis/topology';
import { StoreUnavailableError } from './store/types';

const EXIT_OK = 0;
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;
const DEV_TOKEN_TTL_S = 12 * 3600;
const LISTEN_BACKLOG = 4096;

function say(text: string): void {
  process.stderr.write(text);
}

function dashboardUrl(config: ServiceConfig, port: number): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}

/** Runs `m1-ops serve <args>` until shutdown; resolves to the process exit code. */
export async function runServe(argv: string[]): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (e) {
    if (e instanceof ArgsError) {
      say(`m1-ops serve: ${e.message}\n${SERVE_USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(SERVE_USAGE);
    return EXIT_OK;
  }

  const env: Record<string, string | undefined> = { ...process.env };
  if (args.dev) {
    if (!env.M1_ADMIN_JWT_SECRET) {
      // Only for this process: never written anywhere, gone at exit.
      env.M1_ADMIN_JWT_SECRET = randomBytes(32).toString('base64url');
    }
    // --dev is development by definition; saying so keeps the first start free of a NODE_ENV warning.
    env.NODE_ENV ??= 'development';
    // It prints an all-scopes admin token: listen on loopback only, unless told otherwise.
    env.HOST ??= '127.0.0.1';
  }

  const check = checkEnvironment(env);
  if (check.advisory.length > 0) say(`m1-ops serve: configuration notes (profile ${check.profile}):\n${formatFindings(check.advisory)}`);
  if (check.blocking.length > 0) {
    say(`m1-ops serve: refusing to start, the configuration has ${check.blocking.length} critical/error finding(s) (profile ${check.profile}):\n${formatFindings(check.blocking)}`);
    return EXIT_REFUSED;
  }

  let config: ServiceConfig;
  try {
    const overrides: Parameters<typeof loadConfig>[1] = { dev: args.dev, demo: args.demo };
    if (args.port !== undefined) overrides.port = args.port;
    if (args.host !== undefined) overrides.host = args.host;
    config = loadConfig(env, overrides);
  } catch (e) {
    if (e instanceof ConfigError) {
      say(`m1-ops serve: refusing to start: ${e.message}\n`);
      return EXIT_REFUSED;
    }
    throw e;
  }

  let deps: AppDeps;
  try {
    deps = await createDeps(config);
  } catch (e) {
    if (e instanceof StoreUnavailableError) {
      say(`m1-ops serve: refusing to start: ${e.message} (${config.redis ? describeTopology(config.redis) : 'Redis'}; unset REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS to run on the embedded store)\n`);
      return EXIT_REFUSED;
    }
    if (e instanceof DataDirLockedError || e instanceof MigrationError) {
      say(`m1-ops serve: refusing to start: ${e.message}\n`);
      return EXIT_REFUSED;
    }
    throw e;
  }
  const app = await buildApp(config, deps);
  if (deps.history && !deps.history.available()) {
    app.log.warn('analytics history database (M1_ANALYTICS_DATABASE_URL) unreachable at start: answering from memory and spooling events until it is back');
  }
  if (!config.auth.adminSecret && !config.auth.jwksUrl) {
    app.log.warn('no admin key configured (M1_ADMIN_JWT_SECRET or JWKS_URL): every authenticated route answers 401');
  }
  // A deep accept queue (the kernel caps it at net.core.somaxconn): under a connection flood, a
  // health probe's connection waits in the queue instead of being dropped into SYN retries (1 s, 3 s).
  await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const base = dashboardUrl(config, port);

  // Shutdown handlers go in before anything announces that the service is up: a supervisor (or a
  // test) may send SIGTERM the moment it reads the banner.
  const demo = config.demo ? startDemoTraffic(deps.events, deps.clock) : null;
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        say(`m1-ops serve: ${signal} again, exiting now\n`);
        resolve(EXIT_REFUSED);
        return;
      }
      stopping = true;
      app.log.info({ signal }, 'shutting down');
      demo?.stop();
      // app.close(): stop accepting, end SSE streams (preClose), wait for in-flight requests, onClose hooks.
      app
        .close()
        .then(() => closeDeps(deps))
        .then(
          () => resolve(EXIT_OK),
          (e: unknown) => {
            say(`m1-ops serve: error during shutdown: ${(e as Error).message}\n`);
            resolve(EXIT_REFUSED);
          },
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  if (config.dev && config.auth.adminSecret) {
    const token = await signAdminToken(config.auth.adminSecret, {
      sub: 'm1-ops-dev',
      scopes: SCOPES,
      ttlS: DEV_TOKEN_TTL_S,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
    say(
      `\nM1 Ops control service on ${base} (${deps.store.kind} store${config.demo ? ', demo traffic' : ''})\n` +
        `  dashboard:   ${base}/dashboard#token=${token}\n` +
        `  admin token: ${token}\n` +
        `  (valid 12 h, all scopes)  curl -N -H "Authorization: Bearer $TOKEN" ${base}/v1/stream\n\n`,
    );
  }

  return stopped;
}

export { runMigrate } from './history/migrate-command';
