// Wires the page: transport → model (applied at once, O(1) per item) → views (redrawn at most once
// per animation frame, and only what changed). Pausing freezes the views; the model keeps counting
// so that resuming shows the present, not a backlog.
import type { ConnectionState } from '../../shared/src/dashboard/connection-state';
import { IDS } from '../../shared/src/dashboard/page';
import type { StreamItem } from '../../shared/src/dashboard/stream-items';
import type { ResetPayload } from '../../shared/src/events';
import { DashboardModel, LATENCY_TYPES, type LatencyType } from './model/dashboard-model';
import type { Transport, UiState } from './transport';
import { AnomaliesView } from './views/anomalies';
import { Charts } from './views/charts';
import { ConnectionView } from './views/connection';
import { byId } from './views/dom';
import { FiguresView } from './views/figures';
import { NoticeView } from './views/notice';
import { QueryView } from './views/query';
import { readPalette, watchTheme } from './views/theme';

/** Frame timings, read by bench/dashboard through the page (cheap: two numbers per frame). */
export interface FrameStats {
  frames: number;
  workMs: number;
  maxWorkMs: number;
  items: number;
}

const isLatencyType = (s: string | undefined): s is LatencyType => (LATENCY_TYPES as readonly string[]).includes(s ?? '');

export function resetMessage(r: ResetPayload | null): string {
  const why =
    r?.reason === 'ahead' || r?.reason === 'invalid'
      ? 'the service did not recognise the last event id this page had (it may have restarted)'
      : r?.reason === 'gap'
        ? "the service's own feed skipped events during an outage"
        : 'the service no longer buffered the events after the last one this page had';
  return `Events were missed while reconnecting: ${why}. Counters and charts have a gap; run a query for the full record.`;
}

export class Dashboard {
  readonly model: DashboardModel;
  readonly stats: FrameStats = { frames: 0, workMs: 0, maxWorkMs: 0, items: 0 };
  readonly #charts: Charts;
  readonly #figures: FiguresView;
  readonly #anomalies: AnomaliesView;
  readonly #connection: ConnectionView;
  readonly #notice: NoticeView;
  readonly #query: QueryView;
  readonly #pauseButton: HTMLButtonElement;
  #latencyType: LatencyType;
  #paused: boolean;
  #frameRequested = false;
  #ui: UiState;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
    private readonly transport: Transport,
  ) {
    const $ = <T extends HTMLElement = HTMLElement>(id: string): T => byId<T>(doc, id);
    this.#ui = transport.loadUiState();
    this.#latencyType = isLatencyType(this.#ui.latencyType) ? this.#ui.latencyType : 'tools';
    this.#paused = this.#ui.paused ?? false;
    this.model = new DashboardModel(Date.now());

    const hosts = { throughput: $(IDS.chartThroughput), latency: $(IDS.chartLatency), errors: $(IDS.chartErrors), cost: $(IDS.chartCost) };
    this.#charts = new Charts(this.model, hosts, readPalette(doc.body), this.#latencyType);
    const summaries = {
      throughput: $(`${IDS.chartThroughput}-d`),
      latency: $(`${IDS.chartLatency}-d`),
      errors: $(`${IDS.chartErrors}-d`),
      cost: $(`${IDS.chartCost}-d`),
    };
    this.#figures = new FiguresView(this.model, $(IDS.figures), $(IDS.figuresLive), summaries);
    this.#anomalies = new AnomaliesView(this.model, $<HTMLTableElement>(IDS.anomalies), $(IDS.anomaliesEmpty));
    const setToken = doc.getElementById(IDS.setToken) as HTMLButtonElement | null;
    this.#connection = new ConnectionView(
      { status: $(IDS.connection), countdown: $(IDS.countdown), retry: $<HTMLButtonElement>(IDS.retry), setToken },
      () => transport.describeTarget(),
    );
    this.#notice = new NoticeView($(IDS.notice), $(IDS.noticeText), $<HTMLButtonElement>(IDS.noticeDismiss));
    this.#query = new QueryView(
      {
        form: $<HTMLFormElement>(IDS.queryForm),
        text: $<HTMLTextAreaElement>(IDS.queryText),
        preset: $<HTMLSelectElement>(IDS.queryPreset),
        status: $(IDS.queryStatus),
        table: $<HTMLTableElement>(IDS.queryTable),
      },
      transport,
      (text) => this.#save({ queryText: text }),
    );
    this.#query.setText(this.#ui.queryText);

    $<HTMLButtonElement>(IDS.retry).addEventListener('click', () => transport.retryNow());
    setToken?.addEventListener('click', () => transport.setAdminToken?.());
    this.#pauseButton = $<HTMLButtonElement>(IDS.pause);
    this.#pauseButton.addEventListener('click', () => this.setPaused(!this.#paused));
    const latencySelect = $<HTMLSelectElement>(IDS.latencyType);
    latencySelect.value = this.#latencyType;
    latencySelect.addEventListener('change', () => {
      if (!isLatencyType(latencySelect.value)) return;
      this.#latencyType = latencySelect.value;
      this.#charts.setLatencyType(this.#latencyType);
      this.#save({ latencyType: this.#latencyType });
      this.#render(true);
    });
    this.setPaused(this.#paused);

    watchTheme(doc, win, () => {
      this.#charts.setPalette(readPalette(doc.body));
      this.#requestFrame();
    });
    new ResizeObserver(() => this.#charts.resize()).observe($(IDS.chartThroughput));
    // The time axis moves every second even when nothing arrives (a quiet or broken stream shows as such).
    win.setInterval(() => {
      if (this.model.tick(Date.now())) this.#requestFrame();
    }, 1000);

    transport.start({
      items: (items) => this.#onItems(items),
      state: (s) => this.#onState(s),
      dropped: (n) => {
        this.model.noteDropped(n);
        this.#notice.show('dropped', `${n} events were skipped because the page fell behind; counters are low by that much.`);
        this.#requestFrame();
      },
      invalid: (reason) => {
        this.model.noteInvalid();
        if (this.model.figures(this.#latencyType).invalid === 1) this.#notice.show('invalid', `Ignored a stream message that did not validate: ${reason}`);
        this.#requestFrame();
      },
    });
  }

  get paused(): boolean {
    return this.#paused;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#pauseButton.setAttribute('aria-pressed', String(paused));
    this.#pauseButton.textContent = paused ? 'Resume' : 'Pause';
    this.doc.body.dataset.paused = String(paused);
    this.#save({ paused });
    if (!paused) this.#render(true);
  }

  #save(patch: UiState): void {
    this.#ui = { ...this.#ui, ...patch };
    this.transport.saveUiState(this.#ui);
  }

  #onItems(items: StreamItem[]): void {
    const now = Date.now();
    for (const item of items) {
      this.model.apply(item, now);
      if (item.kind === 'reset') this.#notice.show('reset', resetMessage(item.reset));
    }
    this.stats.items += items.length;
    this.#requestFrame();
  }

  #onState(s: ConnectionState): void {
    this.#connection.show(s);
    this.doc.body.dataset.connection = s.status;
  }

  #requestFrame(): void {
    if (this.#frameRequested || this.#paused) return;
    this.#frameRequested = true;
    this.win.requestAnimationFrame(() => {
      this.#frameRequested = false;
      this.#render(false);
    });
  }

  #render(force: boolean): void {
    if (this.#paused) return;
    const t0 = performance.now();
    this.#charts.render();
    this.#figures.render(this.#latencyType, Date.now(), force);
    this.#anomalies.render();
    const dt = performance.now() - t0;
    this.stats.frames++;
    this.stats.workMs += dt;
    if (dt > this.stats.maxWorkMs) this.stats.maxWorkMs = dt;
  }
}
