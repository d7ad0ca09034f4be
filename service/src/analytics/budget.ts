// The time budget of one query (M1_QUERY_TIMEOUT_MS): the executor runs in slices of a few
// milliseconds and yields to the event loop between them (so /healthz, ingestion and other queries
// keep being served while a heavy query runs), and stops with a 503 once the budget is spent.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { HttpError } from '../http/errors';

/** Longest stretch of work between two yields. */
export const SLICE_MS = 5;

export class QueryBudget {
  private sliceStart = performance.now();
  private readonly deadline: number;

  constructor(private readonly timeoutMs: number) {
    this.deadline = this.sliceStart + timeoutMs;
  }

  /** Cheap: whether the current slice is used up (then `await pause()`). */
  due(): boolean {
    return performance.now() - this.sliceStart >= SLICE_MS;
  }

  /** Milliseconds left of the budget (negative once spent). */
  get remainingMs(): number {
    return this.deadline - performance.now();
  }

  /** Throws the 503 now (a query that waited its whole budget for a turn). */
  expire(): never {
    throw new HttpError(503, 'query_timeout', `the query did not finish within ${this.timeoutMs} ms (M1_QUERY_TIMEOUT_MS); the service is busy with other queries, retry shortly`);
  }

  /** Yields to the event loop; throws once the budget is spent. */
  async pause(): Promise<void> {
    this.check();
    await yieldToLoop();
    this.sliceStart = performance.now();
    this.check();
  }

  private check(): void {
    if (performance.now() > this.deadline) {
      throw new HttpError(503, 'query_timeout', `the query did not finish within ${this.timeoutMs} ms (M1_QUERY_TIMEOUT_MS); narrow the range, filter more or group by fewer fields`);
    }
  }
}

/** Array.prototype.sort in slices: sorted runs of 4,096, then stable pairwise merges, yielding when due. */
export async function sortSliced<T>(items: T[], cmp: (a: T, b: T) => number, budget: QueryBudget): Promise<T[]> {
  const RUN = 4096;
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += RUN) {
    runs.push(items.slice(i, i + RUN).sort(cmp));
    if (budget.due()) await budget.pause();
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let k = 0; k < runs.length; k += 2) {
      const a = runs[k] as T[];
      const b = runs[k + 1];
      if (b === undefined) next.push(a);
      else next.push(await merge(a, b, cmp, budget));
    }
    runs = next;
  }
  return runs[0] ?? [];
}

async function merge<T>(a: T[], b: T[], cmp: (a: T, b: T) => number, budget: QueryBudget): Promise<T[]> {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    // Ties take from the left run: stable, like Array.prototype.sort.
    out[k++] = cmp(b[j] as T, a[i] as T) < 0 ? (b[j++] as T) : (a[i++] as T);
    if ((k & 4095) === 0 && budget.due()) await budget.pause();
  }
  while (i < a.length) out[k++] = a[i++] as T;
  while (j < b.length) out[k++] = b[j++] as T;
  return out;
}

/**
 * At most `max` queries run at once (the others wait their turn, in order, within their own budget):
 * the event loop then owes /healthz at most `max` slices between two of its turns, however many
 * queries arrive together.
 */
export class QueryGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(budget: QueryBudget, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      let turn!: () => void;
      const got = new Promise<void>((r) => (turn = r));
      this.waiting.push(turn);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), Math.max(0, budget.remainingMs))));
      const outcome = await Promise.race([got.then(() => 'turn' as const), late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
        else this.release(); // the turn came at the same moment: pass it on
        budget.expire();
      }
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next query
    else this.running--;
  }
}
