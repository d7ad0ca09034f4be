// Progress for long runs, on stderr so stdout stays clean for JSON/SARIF: only when more than 20
// files are checked and stderr is a terminal; redrawn in place at most every 100 ms and erased at
// the end, so a finished run leaves no trace of it.

export interface Progress {
  tick(done: number, current: string): void;
  end(): void;
}

const THRESHOLD = 20;
const NONE: Progress = { tick: () => undefined, end: () => undefined };

export function progress(total: number, stream: { isTTY?: boolean; columns?: number; write(s: string): boolean }): Progress {
  if (total <= THRESHOLD || stream.isTTY !== true) return NONE;
  let last = 0;
  let shown = false;
  return {
    tick(done, current) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const line = `m1-ops: checking ${done}/${total} ${current}`;
      stream.write(`\r\x1b[K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
