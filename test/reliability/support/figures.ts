// Measured figures of a run (events lost, revoked tokens admitted, recovery times, RSS...), one JSON
// file per test file under test-results/reliability/<mode>/. `bench/reliability/report.mjs` merges
// the long mode's files into test-results/reliability.json and RELIABILITY.md. Figures are reports,
// never assertions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { MODE } from './mode';

const ROOT = join(__dirname, '..', '..', '..');

export class Figures {
  private readonly data: Record<string, unknown> = {};
  constructor(private readonly section: string) {}

  set(key: string, value: unknown): void {
    this.data[key] = value;
  }

  /** Writes the section's file (called from afterAll; also on failure, so a red run still reports). */
  write(): void {
    const dir = join(ROOT, 'test-results', 'reliability', MODE);
    mkdirSync(dir, { recursive: true });
    const body = {
      section: this.section,
      mode: MODE,
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, loadavg1m: Number((loadavg()[0] ?? 0).toFixed(2)), node: process.version },
      figures: this.data,
    };
    writeFileSync(join(dir, `${this.section}.json`), `${JSON.stringify(body, null, 2)}\n`);
  }
}

/** Milliseconds since `t0`, rounded. */
export function since(t0: number): number {
  return Math.round(performance.now() - t0);
}
