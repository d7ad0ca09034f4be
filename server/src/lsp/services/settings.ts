// Settings per document scope, fetched lazily and validated by the shared schema. A bad value is
// reported once (the same problem is not repeated on every change) and its default is used.
import { parseSettings, type Settings } from '../../../../shared/src/settings';

export interface SettingsSource {
  /** The raw `m1ops` section for a document (workspace/configuration), or undefined when unsupported. */
  fetch(scopeUri: string): Promise<unknown>;
  report(problem: string): void;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();
  /** Settings pushed by didChangeConfiguration or initializationOptions (clients without pull). */
  private pushed: unknown = undefined;

  constructor(private readonly source: SettingsSource) {}

  get(scopeUri: string): Promise<Settings> {
    let p = this.cache.get(scopeUri);
    if (!p) {
      p = this.load(scopeUri);
      this.cache.set(scopeUri, p);
    }
    return p;
  }

  /** Settings changed: everything is fetched again on next use. */
  invalidate(pushed?: unknown): void {
    if (pushed !== undefined) this.pushed = pushed;
    this.cache.clear();
  }

  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
  }

  private async load(scopeUri: string): Promise<Settings> {
    let raw: unknown;
    try {
      raw = (await this.source.fetch(scopeUri)) ?? this.pushed;
    } catch {
      raw = this.pushed; // the client failed to answer: fall back rather than stall validation
    }
    const { settings, problems } = parseSettings(raw ?? {});
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.source.report(p);
    }
    return settings;
  }
}
