// A live-stream client on the real `eventsource` package behind a tiny "load balancer": its fetch
// sends each (re)connection to the preferred instance, or to the next one that accepts when that
// one is gone. EventSource itself resends Last-Event-ID on every reconnection, as in a browser.
import { EventSource } from 'eventsource';
import { Waiters } from './waiters';

export interface Got {
  /** Raw event id (a number), or -1 for reset/rollup frames. */
  id: number;
  event: string;
  data: string;
  /** Index of the instance whose connection delivered it. */
  via: number;
}

const NAMES = ['cache', 'policy', 'tools', 'costs', 'errors', 'health', 'reset'];

export class FailoverStream {
  readonly got: Got[] = [];
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
        this.got.push({ id: name === 'reset' ? -1 : Number(m.lastEventId), event: name, data: m.data, via: this.current });
        this.waiters.notify();
      });
    }
  }

  get opens(): number {
    return this.connections.length;
  }

  ids(): number[] {
    return this.got.filter((g) => g.id >= 0).map((g) => g.id);
  }

  resets(): Got[] {
    return this.got.filter((g) => g.event === 'reset');
  }

  waitFor(pred: (s: FailoverStream) => boolean, what: string, ms = 30_000): Promise<void> {
    return this.waiters.until(
      () => pred(this),
      what,
      ms,
      () => `${this.got.length} received, connections ${JSON.stringify(this.connections)}, last ${JSON.stringify(this.got.slice(-2))}`,
    );
  }

  close(): void {
    this.es.close();
  }
}
