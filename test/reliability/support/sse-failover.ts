// A live-stream client on the real `eventsource` package behind a tiny "load balancer": its fetch
// sends each (re)connection to the preferred instance, or to the next one that accepts when that
// one is gone. EventSource itself resends Last-Event-ID on every reconnection, as in a browser.
import { EventSource } from 'eventsource';
import { Waiters } from './waiters';

/** A reset frame as received (kept whole: there are few). */
export interface ResetFrame {
  data: string;
  /** Index of the instance whose connection delivered it. */
  via: number;
}

const NAMES = ['cache', 'policy', 'tools', 'costs', 'errors', 'health', 'reset'];

export class FailoverStream {
  /** Raw events in arrival order: ids, and the `tool` marker of each (compact: clients x events). */
  readonly ids: number[] = [];
  readonly markers: string[] = [];
  readonly resetFrames: ResetFrame[] = [];
  /** Instance index of each successful connection, in order. */
  readonly connections: number[] = [];
  /** performance.now() of each successful connection. */
  readonly connectedAt: number[] = [];
  private readonly es: EventSource;
  private readonly waiters = new Waiters();
  private current = -1;

  constructor(
    private readonly bases: () => readonly string[],
    private readonly preferred: number,
    path: string,
    token: string,
  ) {
    this.es = new EventSource(`http://balancer.invalid${path}`, {
      fetch: async (input, init) => {
        const u = new URL(typeof input === 'string' ? input : input.toString());
        const list = this.bases();
        let last: unknown = new Error('no instance');
        for (let k = 0; k < list.length; k++) {
          const i = (this.preferred + k) % list.length;
          try {
            const res = await fetch(`${list[i] as string}${u.pathname}${u.search}`, {
              ...init,
              headers: { ...init.headers, authorization: `Bearer ${token}` },
            });
            this.current = i;
            this.connections.push(i);
            this.connectedAt.push(performance.now());
            return res;
          } catch (e) {
            last = e; // refused: that instance is down; the balancer tries the next
          }
        }
        throw last;
      },
    });
    this.es.addEventListener('open', () => this.waiters.notify());
    for (const name of NAMES) {
      this.es.addEventListener(name, (m: MessageEvent<string>) => {
        if (name === 'reset') this.resetFrames.push({ data: m.data, via: this.current });
        else {
          this.ids.push(Number(m.lastEventId));
          this.markers.push((JSON.parse(m.data) as { tool?: string }).tool ?? `${name}:${m.lastEventId}`);
        }
        this.waiters.notify();
      });
    }
  }

  get opens(): number {
    return this.connections.length;
  }

  waitFor(pred: (s: FailoverStream) => boolean, what: string, ms = 30_000): Promise<void> {
    return this.waiters.until(
      () => pred(this),
      what,
      ms,
      () => `${this.ids.length} events, ${this.resetFrames.length} resets, connections ${JSON.stringify(this.connections)}, last ids ${JSON.stringify(this.ids.slice(-3))}`,
    );
  }

  close(): void {
    this.es.close();
  }
}
