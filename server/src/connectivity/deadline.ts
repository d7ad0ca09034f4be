// Drivers that take no AbortSignal (ioredis, pg) are raced against the check's signal: on abort
// the caller's cleanup runs (disconnect, end) so that no socket outlives the check and the CLI
// process can exit.

/** Resolves or rejects like `work`, or rejects with `signal.reason` as soon as the signal aborts. */
export async function raceSignal<T>(signal: AbortSignal, work: Promise<T>, onAbort: () => void): Promise<T> {
  if (signal.aborted) {
    onAbort();
    work.catch(() => undefined); // the abandoned work may still reject; nobody waits for it
    throw abortReason(signal);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The signal for one check: the caller's signal, plus its own deadline. */
export function checkSignal(timeoutMs: number, outer?: AbortSignal): AbortSignal {
  const own = AbortSignal.timeout(timeoutMs);
  return outer ? AbortSignal.any([outer, own]) : own;
}

/** The abort reason as an Error (AbortSignal.timeout gives a DOMException named TimeoutError, which is one). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
