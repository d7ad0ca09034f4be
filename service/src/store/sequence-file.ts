// The embedded store's id high-water mark across runs: a small file under M1_DATA_DIR holding the
// highest id this data directory may have handed out ("reserved"). Ids are reserved in blocks, so
// the file is written (temp file, fsync, atomic rename, directory fsync) once per block, not per
// event, and always BEFORE an id of the new block is handed out: after any exit, even kill -9, the
// next run starts above every id a client can hold.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEQUENCE_FILE = 'events.seq';

export class SequenceFile {
  private readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, SEQUENCE_FILE);
  }

  /**
   * The reservation of the previous run: 0 when there is none (first start). A file that cannot be
   * read as a number (corrupt, edited) falls back to the clock in ms, far above any count of events
   * a run can have issued, so that even then no old id is reused.
   */
  read(now: number): number {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      return now;
    }
    const n = Number(text.trim());
    return Number.isSafeInteger(n) && n >= 0 ? n : now;
  }

  /** Durably records `reserved` (synchronous: the caller hands out ids only after it returns). */
  write(reserved: number): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${reserved}\n`);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    syncDir(this.dir);
  }
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is then as durable as they allow.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
