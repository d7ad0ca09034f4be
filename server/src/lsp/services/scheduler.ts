// Single-flight, latest-wins validation per document. No debounce: a change is validated at once
// when no run is in flight for its document; changes that arrive during a run coalesce into ONE
// next run on the latest version. A result that a newer change already made stale is not
// delivered (the next run starts immediately and delivers the current one).

export interface Snapshot {
  uri: string;
  version: number;
  text: string;
}

export interface SchedulerDeps<R> {
  /** The document as it is now, or undefined when it is no longer open. */
  snapshot(uri: string): Snapshot | undefined;
  run(s: Snapshot): Promise<R>;
  /**
   * A current result; `runs` counts the runs for this document since it was opened; `previous` is the
   * version of the result delivered before this one (equal to `s.version` when something other than
   * an edit, such as settings, made the same version run again).
   */
  delivered(s: Snapshot, result: R, runs: number, previous: number | undefined): void;
  failed(s: Snapshot, error: unknown): void;
}

interface DocState<R> {
  running: boolean;
  dirty: boolean;
  runs: number;
  latest?: { version: number; result: R };
  waiters: { version: number; resolve(r: R | undefined): void }[];
}

export class ValidationScheduler<R> {
  private readonly docs = new Map<string, DocState<R>>();

  constructor(private readonly deps: SchedulerDeps<R>) {}

  /** The document was opened or changed (or its settings changed): validate it. */
  changed(uri: string): void {
    let st = this.docs.get(uri);
    if (!st) {
      st = { running: false, dirty: false, runs: 0, waiters: [] };
      this.docs.set(uri, st);
    }
    if (st.running) {
      st.dirty = true;
      return;
    }
    void this.drain(uri, st);
  }

  closed(uri: string): void {
    const st = this.docs.get(uri);
    this.docs.delete(uri);
    for (const w of st?.waiters ?? []) w.resolve(undefined);
  }

  latest(uri: string): { version: number; result: R } | undefined {
    return this.docs.get(uri)?.latest;
  }

  /** Resolves with the result for `version` (or a later one); undefined if the document closes first. */
  whenValidated(uri: string, version: number): Promise<R | undefined> {
    const st = this.docs.get(uri);
    if (!st) return Promise.resolve(undefined);
    if (st.latest && st.latest.version >= version) return Promise.resolve(st.latest.result);
    const p = new Promise<R | undefined>((resolve) => st.waiters.push({ version, resolve }));
    if (!st.running) this.changed(uri); // nothing would ever deliver it otherwise
    return p;
  }

  openDocuments(): string[] {
    return [...this.docs.keys()];
  }

  private async drain(uri: string, st: DocState<R>): Promise<void> {
    st.running = true;
    try {
      do {
        st.dirty = false;
        const snap = this.deps.snapshot(uri);
        if (!snap) return;
        st.runs++;
        let result: R;
        try {
          result = await this.deps.run(snap);
        } catch (e) {
          if (this.docs.get(uri) !== st) return;
          this.deps.failed(snap, e);
          this.release(st, snap.version, undefined);
          continue;
        }
        if (this.docs.get(uri) !== st) return; // closed (and maybe reopened) meanwhile
        if (!st.dirty) this.deliver(snap, result, st);
      } while (st.dirty);
    } finally {
      st.running = false;
    }
  }

  private deliver(snap: Snapshot, result: R, st: DocState<R>): void {
    const previous = st.latest?.version;
    st.latest = { version: snap.version, result };
    this.deps.delivered(snap, result, st.runs, previous);
    this.release(st, snap.version, result);
  }

  private release(st: DocState<R>, version: number, result: R | undefined): void {
    const ready = st.waiters.filter((w) => w.version <= version);
    st.waiters = st.waiters.filter((w) => w.version > version);
    for (const w of ready) w.resolve(result);
  }
}
