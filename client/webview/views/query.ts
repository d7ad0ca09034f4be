// The DSL query box: JSON text in, a results table out. The text is checked locally first (JSON, an
// object) so that typos get an answer without a round trip; the service validates the DSL itself
// and its 400 issues are listed as they come.
import { checkQuery, INVALID_QUERY_MESSAGE } from '../../../shared/src/dashboard/query-check';
import type { QueryResponse } from '../../../shared/src/dashboard/query-result';
import { presetText } from '../query-presets';
import type { Transport } from '../transport';
import { make, setText } from './dom';
import { fmtCell, fmtDateTime, fmtInt } from './format';

const MAX_ROWS_SHOWN = 1000;
const MAX_COLUMNS = 40;

export interface QueryElements {
  form: HTMLFormElement;
  text: HTMLTextAreaElement;
  preset: HTMLSelectElement;
  status: HTMLElement;
  table: HTMLTableElement;
}

export class QueryView {
  #running = false;

  constructor(
    private readonly el: QueryElements,
    private readonly transport: Transport,
    private readonly onTextChange: (text: string) => void,
  ) {
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    el.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
      }
    });
    el.text.addEventListener('input', () => onTextChange(el.text.value));
    el.preset.addEventListener('change', () => {
      el.text.value = presetText(el.preset.value);
      onTextChange(el.text.value);
    });
  }

  setText(text: string | undefined): void {
    this.el.text.value = text ?? presetText(this.el.preset.value);
  }

  async run(): Promise<void> {
    if (this.#running) return;
    const { status, form } = this.el;
    let query: unknown;
    try {
      query = JSON.parse(this.el.text.value);
    } catch (e) {
      this.#fail(`The query is not valid JSON: ${(e as Error).message}`, []);
      return;
    }
    if (query === null || typeof query !== 'object' || Array.isArray(query)) {
      this.#fail('The query must be a JSON object, e.g. {"type": "tools", "range": "1h", …}.', []);
      return;
    }
    const check = checkQuery(query);
    if (!check.ok) {
      this.#fail(`${INVALID_QUERY_MESSAGE}:`, check.issues);
      return;
    }
    this.#running = true;
    form.setAttribute('aria-busy', 'true');
    status.dataset.state = 'running';
    setText(status, 'Running…');
    try {
      const r = await this.transport.query(query as Record<string, unknown>);
      if (r.ok) this.#show(r.response);
      else this.#fail(r.failure.message, r.failure.issues);
    } finally {
      this.#running = false;
      form.removeAttribute('aria-busy');
    }
  }

  #fail(message: string, issues: string[]): void {
    const { status, table } = this.el;
    status.dataset.state = 'error';
    // The service's message often lists its issues already; add only those it does not.
    const extra = issues.filter((i) => !message.includes(i));
    setText(status, extra.length ? `${message} — ${extra.join('; ')}` : message);
    table.hidden = true;
  }

  #show(res: QueryResponse): void {
    const { status, table } = this.el;
    const doc = table.ownerDocument;
    const columns: string[] = [];
    for (const row of res.rows) {
      for (const k of Object.keys(row)) if (!columns.includes(k) && columns.length < MAX_COLUMNS) columns.push(k);
    }
    const head = make(doc, 'tr');
    for (const c of columns) head.append(make(doc, 'th', c, { scope: 'col' }));
    table.tHead?.replaceChildren(head);
    const rows = res.rows.slice(0, MAX_ROWS_SHOWN).map((row) => {
      const tr = make(doc, 'tr');
      for (const c of columns) tr.append(make(doc, 'td', fmtCell(row[c])));
      return tr;
    });
    table.tBodies[0]?.replaceChildren(...rows);
    table.hidden = false;
    const more = res.nextCursor ? ' (more available: add "cursor" from nextCursor)' : '';
    const cut = res.rows.length > MAX_ROWS_SHOWN ? `, first ${fmtInt(MAX_ROWS_SHOWN)} shown` : '';
    status.dataset.state = 'done';
    // Said in the same line as the figures: an answer over a shorter window must not pass for the whole one.
    const partial = res.coverage ? ` Covers only ${fmtDateTime(res.coverage.from)} to ${fmtDateTime(res.coverage.to)} (older events are not held).` : '';
    setText(status, `${fmtInt(res.rows.length)} rows${cut}; ${fmtInt(res.stats.scanned)} events scanned in ${fmtInt(res.stats.tookMs)} ms${more}.${partial}`);
  }
}
