// Connection state: the status line (a polite live region, changed only when the state changes),
// a countdown beside it that ticks every second while a reconnect is pending (not announced), the
// "Retry now" button, and in the webview "Set Admin Token…" when the token was refused.
import { describeConnection, type ConnectionState } from '../../../shared/src/dashboard/connection-state';
import { setText } from './dom';

export interface ConnectionElements {
  status: HTMLElement;
  countdown: HTMLElement;
  retry: HTMLButtonElement;
  setToken: HTMLButtonElement | null;
}

export class ConnectionView {
  #state: ConnectionState = { status: 'reconnecting', attempt: 0, retryAt: null };
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly el: ConnectionElements,
    private readonly target: () => string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get state(): ConnectionState {
    return this.#state;
  }

  show(s: ConnectionState): void {
    this.#state = s;
    const { status, retry, setToken } = this.el;
    status.dataset.status = s.status;
    let line = describeConnection(s, this.now());
    if (s.status === 'connected') line = `Connected to ${this.target()}`;
    else if (s.status === 'reconnecting' && s.retryAt !== null) line = `Disconnected from ${this.target()}: ${s.reason ?? 'no answer'}`;
    else if (s.status === 'unauthorised') line = `${line}. ${s.reason}`;
    else if (s.status === 'off' && s.reason) line = `Off: ${s.reason}`;
    setText(status, line);
    retry.hidden = !(s.status === 'reconnecting' && s.retryAt !== null);
    if (setToken) setToken.hidden = s.status !== 'unauthorised';
    this.#tick();
    const counting = s.status === 'reconnecting' && s.retryAt !== null;
    if (counting && this.#timer === null) this.#timer = setInterval(() => this.#tick(), 1000);
    if (!counting && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  #tick(): void {
    const s = this.#state;
    const text = s.status === 'reconnecting' && s.retryAt !== null ? describeConnection(s, this.now()) : '';
    setText(this.el.countdown, text);
  }
}
