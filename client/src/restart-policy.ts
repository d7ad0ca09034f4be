// When the language server dies, restart it, but not forever: at most `maxRestarts` within
// `windowMs`; past that the server stays down and the user is told once how to bring it back.

export interface RestartDecision {
  restart: boolean;
  /** Shown to the user (once) when the server stays down. */
  message?: string;
}

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connection to the server closed unexpectedly. */
  closed(): RestartDecision {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < this.windowMs), t];
    if (this.crashes.length <= this.maxRestarts) return { restart: true };
    return {
      restart: false,
      message: `The M1 Ops language server stopped ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. See the "M1 Ops" output, then run "M1: Restart Language Server".`,
    };
  }

  /** A manual restart starts with a clean slate. */
  reset(): void {
    this.crashes = [];
  }
}
