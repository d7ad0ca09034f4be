// The processes the e2e run starts: `m1-ops serve --dev --demo` (from this checkout's dist/) and
// code-server with its own user-data and extensions folders, each on a free loopback port. Both
// are stopped by the run (code-server keeps an extension host alive after a tab closes otherwise).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/ports';

export interface Child {
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  waitFor(re: RegExp, what: string): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function startProcess(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Child {
  const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const file = createWriteStream(opts.logFile);
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer): void => {
    text += d.toString();
    file.write(d);
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor: (re, what) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = re.exec(text);
          if (!m) return;
          waiters.delete(check);
          resolve(m);
        };
        waiters.add(check);
        check();
        void exited.then(() => reject(new Error(`${cmd} exited before ${what}; its output is in ${opts.logFile}`)));
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM'); // its own process group: the extension host and the language server go too
        } catch {
          // already gone
        }
        const killer = setTimeout(() => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000);
        await exited;
        clearTimeout(killer);
      }
      file.end();
    },
  };
}

export interface Service {
  url: string;
  adminToken: string;
  proc: Child;
}

/** `m1-ops serve --dev --demo` on a free port, with an admin token printed in its banner. */
export async function startService(root: string, dataDir: string, logFile: string): Promise<Service> {
  const port = await freePort();
  // A clean environment: the runner's own M1_* or REDIS_URL must not change what the service does.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(M1_|REDIS_|JWT|JWKS|PORT$|HOST$|NODE_ENV$|TOKEN_)/.test(k)));
  const proc = startProcess(process.execPath, [join(root, 'bin', 'm1-ops.js'), 'serve', '--dev', '--demo', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...env, M1_DATA_DIR: dataDir, NODE_ENV: 'development' },
    logFile,
  });
  const [, url] = await proc.waitFor(/control service on (http:\/\/127\.0\.0\.1:\d+)/, 'the service listened');
  const [, adminToken] = await proc.waitFor(/admin token: (\S+)/, 'the service printed its admin token');
  return { url: url as string, adminToken: adminToken as string, proc };
}

export interface CodeServerDirs {
  userData: string;
  extensions: string;
}

/** Installs the .vsix into the run's own extensions folder (fails loudly on any error). */
export function installExtension(codeServer: string, dirs: CodeServerDirs, vsix: string, config: string): void {
  const r = spawnSync(process.execPath, [codeServer, '--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
  });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`code-server could not install ${vsix}:\n${r.stdout}\n${r.stderr}`);
  }
}

/** The user settings of the run: no startup editor, no trust prompt, no auto-save, no telemetry. */
export function writeUserSettings(userData: string, settings: Record<string, unknown>): void {
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

export interface CodeServer {
  url: string;
  proc: Child;
}

/** `config`: code-server's config file (it writes one on first start; never ~/.config/code-server). */
export async function startCodeServer(codeServer: string, dirs: CodeServerDirs, workspace: string, config: string, logFile: string): Promise<CodeServer> {
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_)/.test(k)));
  const proc = startProcess(
    process.execPath,
    [
      codeServer,
      '--config',
      config,
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { env, logFile },
  );
  await proc.waitFor(/HTTP server listening on/, 'code-server listened');
  const url = `http://127.0.0.1:${port}`;
  // The banner comes a moment before the routes answer; /healthz says when they do.
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (proc.child.exitCode !== null) throw new Error(`code-server exited; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100)); // polling an HTTP probe, not synchronising on time
  }
  return { url: `${url}/?folder=${encodeURIComponent(workspace)}`, proc };
}
