// Installs code-server from the npm registry into a cache folder outside the repository and
// reuses it when present. VS Code's own download host is unreachable on the CI machine, so this
// is the real VS Code workbench the e2e suite drives (see ../shared/recipes/real-vscode.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The last code-server whose engines.node accepts Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep release code-server 4.100.3 pins, and the ripgrep build it downloads. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheRoot(): string {
  const base = process.env.M1_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'm1-ops-e2e');
  return base;
}

/** Path of the code-server launcher; installs it first when the cache lacks it. */
export function ensureCodeServer(log: (line: string) => void): string {
  const dir = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (existsSync(bin)) return bin;
  mkdirSync(cacheRoot(), { recursive: true });
  // Installed in a scratch folder and renamed into place: a half-finished install is never reused.
  const scratch = mkdtempSync(join(cacheRoot(), 'install-'));
  try {
    log(`e2e: installing code-server@${CODE_SERVER_VERSION} into ${dir} (once; about a minute)`);
    writeFileSync(join(scratch, 'package.json'), '{"private": true}\n');
    const tmp = join(scratch, 'tmp');
    seedRipgrepCache(tmp);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: scratch,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        TMPDIR: tmp,
        // node-pty's postinstall runs `npx node-gyp`, which waits for a "yes" without this.
        npm_config_yes: 'true',
        // code-server's postinstall refuses to run as root without it.
        npm_config_unsafe_perm: 'true',
        // Native builds use the installed Node's headers instead of downloading them.
        npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
      },
    });
    if (r.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${String(r.status)})`);
    if (!existsSync(join(scratch, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) {
      throw new Error('code-server installed without out/node/entry.js');
    }
    rmSync(tmp, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    return bin;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** @vscode/ripgrep's postinstall downloads from GitHub, which is unreachable: give it Debian's rg. */
function seedRipgrepCache(tmp: string): void {
  const rg = findRipgrep();
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const stage = join(tmp, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  execFileSync('cp', [rg, join(stage, 'rg')]);
  execFileSync('tar', ['-czf', join(cache, RIPGREP_ASSET), '-C', stage, 'rg']);
}

function findRipgrep(): string {
  const r = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || path === '') throw new Error('ripgrep (rg) is needed to install code-server: apt-get install ripgrep');
  return path;
}
