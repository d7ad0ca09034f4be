// Audits denied checks without letting a flood of them blow up the audit log.
//
// Policy (documented in docs/revocation.md): within each window (default 60 s)
// - the first denial of a given token (or, for failures, of a given reason) is written at once,
//   up to `maxImmediatePerWindow` entries per window;
// - further denials of the same token are only counted, and at the end of the window one entry
//   per token says how many more there were (`count`);
// - past `maxKeys` distinct tokens in a window, denials are folded into one overflow entry.
// So a window writes at most maxImmediatePerWindow + maxKeys + 1 entries whatever the load, and
// memory is bounded by maxKeys.
import type { AuditInput } from './types';

export type DeniedKind = 'revoked' | 'fail-closed';

export interface DeniedTarget {
  jti?: string;
  sub?: string;
  tool?: string;
}

export interface DeniedAuditOptions {
  /** Where entries go (the store's appendAudit). */
  sink: (entries: AuditInput[]) => Promise<void>;
  /** Written as the entries' actor, e.g. `checker:<instance id>`. */
  actor: string;
  windowMs?: number;
  maxImmediatePerWindow?: number;
  maxKeys?: number;
  /** Called when the sink rejects (the store is down): the entries are dropped and counted. */
  onDropped?: (entries: number, error: unknown) => void;
}

interface Pending {
  kind: DeniedKind;
  target: DeniedTarget;
  /** Denials not yet written. */
  count: number;
}

const DETAIL: Record<DeniedKind, string> = {
  revoked: 'check denied: token revoked',
  'fail-closed': 'check denied: revocation store unavailable (fail-closed)',
};

export class DeniedCheckAudit {
  private pending = new Map<string, Pending>();
  private overflow = 0;
  private immediateLeft: number;
  private readonly windowMs: number;
  private readonly maxImmediate: number;
  private readonly maxKeys: number;
  private readonly timer: NodeJS.Timeout;
  private readonly writes = new Set<Promise<void>>();
  dropped = 0;

  constructor(private readonly opts: DeniedAuditOptions) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxImmediate = opts.maxImmediatePerWindow ?? 100;
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.immediateLeft = this.maxImmediate;
    this.timer = setInterval(() => this.endWindow(), this.windowMs);
    this.timer.unref(); // auditing must never keep an app alive
  }

  note(kind: DeniedKind, target: DeniedTarget): void {
    const key = `${kind}\u0000${target.jti ?? `\u0000${target.sub ?? ''}\u0000${target.tool ?? ''}`}`;
    const p = this.pending.get(key);
    if (p !== undefined) {
      p.count++;
      return;
    }
    if (this.pending.size >= this.maxKeys) {
      this.overflow++;
      return;
    }
    if (this.immediateLeft > 0) {
      this.immediateLeft--;
      this.pending.set(key, { kind, target, count: 0 });
      this.write([this.entry(kind, target, 1)]);
    } else {
      this.pending.set(key, { kind, target, count: 1 });
    }
  }

  /** Resolves when every entry handed to the sink so far has been written (or dropped). */
  async settled(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /** Writes what the current window has counted, now (also done by the timer). */
  endWindow(): void {
    const entries: AuditInput[] = [];
    for (const p of this.pending.values()) {
      if (p.count > 0) entries.push(this.entry(p.kind, p.target, p.count));
    }
    if (this.overflow > 0) {
      entries.push({
        action: 'denied',
        actor: this.opts.actor,
        client: null,
        reason: null,
        count: this.overflow,
        detail: `checks denied for more than ${this.maxKeys} distinct tokens in one window; not itemised`,
      });
    }
    this.pending = new Map();
    this.overflow = 0;
    this.immediateLeft = this.maxImmediate;
    if (entries.length > 0) this.write(entries);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.endWindow();
    await this.settled();
  }

  private entry(kind: DeniedKind, t: DeniedTarget, count: number): AuditInput {
    return {
      action: 'denied',
      actor: this.opts.actor,
      client: null,
      reason: null,
      ...(t.jti !== undefined ? { jti: t.jti } : {}),
      ...(t.sub !== undefined ? { sub: t.sub } : {}),
      ...(t.tool !== undefined ? { tool: t.tool } : {}),
      count,
      detail: DETAIL[kind],
    };
  }

  private write(entries: AuditInput[]): void {
    const w = this.opts.sink(entries).then(
      () => undefined,
      (e: unknown) => {
        this.dropped += entries.length;
        this.opts.onDropped?.(entries.length, e);
      },
    );
    this.writes.add(w);
    void w.finally(() => this.writes.delete(w));
  }
}
