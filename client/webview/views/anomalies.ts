// The anomalies list: newest first, the last 50 of the bounded ring the model keeps.
import type { DashboardModel } from '../model/dashboard-model';
import { make } from './dom';
import { fmtTime } from './format';

const SHOWN = 50;

export class AnomaliesView {
  #drawnVersion = -1;

  constructor(
    private readonly model: DashboardModel,
    private readonly table: HTMLTableElement,
    private readonly empty: HTMLElement,
  ) {}

  render(): boolean {
    if (this.model.anomaliesVersion === this.#drawnVersion) return false;
    this.#drawnVersion = this.model.anomaliesVersion;
    const doc = this.table.ownerDocument;
    const rows = this.model.anomalies.newest(SHOWN).map((a) => {
      const tr = make(doc, 'tr', undefined, { 'data-type': a.type, 'data-metric': a.metric });
      const z = a.z === null ? '∞' : a.z.toFixed(1);
      for (const v of [fmtTime(a.from), a.type, a.metric, num(a.value), num(a.mean), z]) tr.append(make(doc, 'td', v));
      return tr;
    });
    this.table.tBodies[0]?.replaceChildren(...rows);
    this.table.hidden = rows.length === 0;
    this.empty.hidden = rows.length > 0;
    return true;
  }
}

function num(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}
