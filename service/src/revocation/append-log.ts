// A durable append-only file of JSON lines with group commit.
//
// Durability: append() resolves only after the line is written AND fdatasync'ed, so once the
// caller has answered its client, neither kill -9 nor a power cut can lose the line. Appends that
// arrive while a write+sync is in progress are queued and go out together in the next one (group
// commit): a burst of 100,000 revocations costs a few hundred syncs, not 100,000, and every
// request is still acknowledged only after its own line is durable. The queue holds at most the
// lines of requests that are waiting for their answer, so memory is bounded by concurrency.
//
// Recovery: a crash can leave the last line torn (no newline, or not JSON). open() drops such a
// tail by truncating the file back to the end of the last complete line, then replays the rest.
import { open, readFile, rename, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

interface Job {
  kind: 'append';
  data: string;
  /** Runs once the data is durable, before any later job (so a rewrite's snapshot includes it). */
  onDurable: (() => void) | undefined;
  resolve: () => void;
  reject: (e: unknown) => void;
}
interface RewriteJob {
  kind: 'rewrite';
  lines: () => string[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface RecoveryReport {
  lines: number;
  /** Bytes dropped from a torn tail. */
  truncatedBytes: number;
  /** Complete lines that did not parse (skipped). */
  skipped: number;
}

export class AppendLog {
  private queue: Array<Job | RewriteJob> = [];
  private running = false;
  private closed = false;
  /** Lines in the file (for deciding when to compact). */
  lineCount = 0;
  syncs = 0;

  private constructor(
    private readonly path: string,
    private fh: FileHandle,
  ) {}

  /**
   * Opens (creating) the log, repairs a torn tail and hands every complete line to `replay`
   * (which returns false for a line it cannot use; such lines are skipped and counted).
   */
  static async open(path: string, replay: (line: string) => boolean): Promise<{ log: AppendLog; report: RecoveryReport }> {
    await mkdir(dirname(path), { recursive: true });
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const report: RecoveryReport = { lines: 0, truncatedBytes: 0, skipped: 0 };
    let goodEnd = 0; // byte offset just after the last line we kept
    let pos = 0;
    let byteLen = 0;
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break; // torn tail: no newline was written
      const line = text.slice(pos, nl);
      byteLen += Buffer.byteLength(line, 'utf8') + 1;
      pos = nl + 1;
      if (line.length === 0) continue;
      if (replay(line)) {
        report.lines++;
        goodEnd = byteLen;
      } else {
        report.skipped++;
      }
    }
    const total = Buffer.byteLength(text, 'utf8');
    const fh = await open(path, 'a+');
    // Truncate only the tail after the last good line (torn write or unparsable trailing lines).
    if (goodEnd < total) {
      const tail = total - goodEnd;
      await fh.truncate(goodEnd);
      await fh.datasync();
      report.truncatedBytes = tail;
    }
    const log = new AppendLog(path, fh);
    log.lineCount = report.lines;
    return { log, report };
  }

  /**
   * Appends the lines (each without a newline) in one write; resolves once durable. `onDurable`
   * runs synchronously at that point, in append order, before any later job starts.
   */
  append(lines: string[], onDurable?: () => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the revocation log is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'append', data: lines.map((l) => `${l}\n`).join(''), onDurable, resolve, reject });
      this.lineCount += lines.length;
      this.kick();
    });
  }

  /**
   * Replaces the file with `lines()` (computed when the rewrite runs, after every earlier append
   * is durable) via a synced temp file and an atomic rename: a crash leaves the old or the new.
   */
  rewrite(lines: () => string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'rewrite', lines, resolve, reject });
      this.kick();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.rewriteBarrier();
    this.closed = true;
    await this.fh.close();
  }

  /** Resolves after everything queued so far is durable. */
  private rewriteBarrier(): Promise<void> {
    return this.queue.length === 0 && !this.running ? Promise.resolve() : this.append([]);
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const head = this.queue[0] as Job | RewriteJob;
      if (head.kind === 'rewrite') {
        this.queue.shift();
        try {
          await this.doRewrite(head.lines());
          head.resolve();
        } catch (e) {
          head.reject(e);
        }
        continue;
      }
      // Take every consecutive append: one write, one sync for all of them.
      const batch: Job[] = [];
      while (this.queue.length > 0 && (this.queue[0] as Job | RewriteJob).kind === 'append') batch.push(this.queue.shift() as Job);
      try {
        const data = batch.map((j) => j.data).join('');
        if (data.length > 0) {
          await this.fh.write(data, null, 'utf8');
          await this.fh.datasync();
          this.syncs++;
        }
      } catch (e) {
        for (const j of batch) j.reject(e);
        continue;
      }
      for (const j of batch) {
        try {
          j.onDurable?.();
          j.resolve();
        } catch (e) {
          j.reject(e);
        }
      }
    }
    this.running = false;
  }

  private async doRewrite(lines: string[]): Promise<void> {
    const tmp = `${this.path}.tmp`;
    const t = await open(tmp, 'w');
    try {
      await t.write(lines.map((l) => `${l}\n`).join(''), null, 'utf8');
      await t.sync();
    } finally {
      await t.close();
    }
    await rename(tmp, this.path);
    await syncDir(dirname(this.path));
    await this.fh.close();
    this.fh = await open(this.path, 'a+');
    this.lineCount = lines.length;
  }
}

/** Makes a rename durable (the directory entry itself must reach the disk). */
async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is then as durable as they allow.
  } finally {
    await d.close();
  }
}
