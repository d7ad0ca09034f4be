// Asks /healthz every `everyMs` while a test runs: the service must answer every time (200 within
// the bound). Each probe is a fresh connection of its own (node:http, no agent), so that a pooled
// keep-alive connection the test's other requests left half-closed cannot fail a probe the service
// would have answered. Load generation in the background, not synchronisation.
import { get } from 'node:http';

export interface HealthStats {
  checks: number;
  failures: number;
  /** Why each failed probe failed (status or error). */
  reasons: string[];
  /** The slowest answer, ms (a figure, never asserted). */
  slowestMs: number;
}

function probe(url: string, boundMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: boundMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? null : `status ${res.statusCode ?? 0}`));
      res.on('error', (e) => resolve(`response error: ${e.message}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${boundMs} ms`)));
    req.on('error', (e) => resolve(`request error: ${e.message}`));
  });
}

export class HealthWatch {
  readonly stats: HealthStats = { checks: 0, failures: 0, reasons: [], slowestMs: 0 };
  private running = true;
  private readonly loop: Promise<void>;

  constructor(base: string, everyMs = 250, boundMs = 10_000) {
    this.loop = (async () => {
      while (this.running) {
        const t0 = performance.now();
        const failure = await probe(`${base}/healthz`, boundMs);
        if (failure !== null) {
          this.stats.failures++;
          this.stats.reasons.push(failure);
        }
        this.stats.checks++;
        this.stats.slowestMs = Math.max(this.stats.slowestMs, Math.round(performance.now() - t0));
        if (this.running) await new Promise((r) => setTimeout(r, everyMs)); // pacing the probe
      }
    })();
  }

  async stop(): Promise<HealthStats> {
    this.running = false;
    await this.loop;
    return this.stats;
  }
}
