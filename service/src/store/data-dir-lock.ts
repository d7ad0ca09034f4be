// One process per M1_DATA_DIR (service.md "Limits"): two services on one embedded store would each keep
// their own revocations in memory and disagree (one admits a token the other revoked). The lock is a
// file created exclusively (`wx`) holding the owner's pid, host and start time; a lock whose process
// is gone (kill -9, crash) is taken over; one held by a live process refuses the start with a message
// naming the holder.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const Holder = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string() });
type Holder = z.infer<typeof Holder>;

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `M1_DATA_DIR ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.startedAt}): one service per data directory. ` +
        'Stop that process, give this one another M1_DATA_DIR, or share state through REDIS_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readHolder(path: string): Holder | null {
  try {
    const r = Holder.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function lockDataDir(dir: string): DataDirLock {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const path = join(abs, 'lock');
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const body = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, body, { flag: 'wx' });
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock: never remove one a later owner took over.
        if (readHolder(path)?.pid === me.pid && readHolder(path)?.startedAt === me.startedAt) unlinkSync(path);
      };
      process.on('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(path);
    // A live holder on this host (including this very process: a second app on the same directory).
    // Another host (a shared volume) cannot be checked: treat it as held.
    if (holder !== null && (holder.host !== me.host || alive(holder.pid))) throw new DataDirLockedError(abs, holder);
    // Stale (its process is gone) or unreadable (a crash while writing it): take it over.
    try {
      unlinkSync(path);
    } catch {
      // someone else removed it first: the next attempt decides
    }
  }
  const holder = readHolder(path);
  throw new DataDirLockedError(abs, holder ?? { pid: -1, host: 'unknown', startedAt: 'unknown' });
}
