// Asks /healthz every `everyMs` while a test runs: the service must answer every time (200 within
// the bound). Load generation in the background, not synchronisation.
import { send } from './http';

export interface HealthStats {
  checks: number;
  failures: number;
  /** The slowest answer, ms (a figure, never asserted). */
  slowestMs: number;
}

export class HealthWatch {
  readonly stats: HealthStats = { checks: 0, failures: 0, slowestMs: 0 };
  private running = true;
  private readonly loop: Promise<void>;

  constructor(base: string, everyMs = 250, boundMs = 10_000) {
    this.loop = (async () => {
      while (this.running) {
        const t0 = performance.now();
        try {
          const r = await send('GET', `${base}/healthz`, { timeoutMs: boundMs });
          if (r.status !== 200) this.stats.failures++;
        } catch {
          this.stats.failures++;
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
