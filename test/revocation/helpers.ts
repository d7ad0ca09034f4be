// Shared by the revocation tests: unique key prefixes, token claims, a steppable clock, and
// waiting for an event (never a sleep).
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { CheckClaims } from '../../service/src/revocation/checker';

export function uniquePrefix(file: string): string {
  return `m1test:${file}:${randomUUID().slice(0, 8)}:`;
}

const nowS = (): number => Math.floor(Date.now() / 1000);

export function claims(over: Partial<CheckClaims> = {}): Required<Pick<CheckClaims, 'jti' | 'sub' | 'iat' | 'exp'>> & CheckClaims {
  return { jti: randomUUID(), sub: `user-${randomUUID().slice(0, 6)}`, iat: nowS() - 10, exp: nowS() + 3600, ...over };
}

/** A clock the test moves by hand: the cache TTL elapses when the test says so. */
export class StepClock {
  constructor(public t = Date.now()) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Resolves with the event's arguments the next time `emitter` emits `name`. */
export function nextEvent(emitter: EventEmitter, name: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(name, (...args: unknown[]) => resolve(args)));
}

/** The pid of a redis-server we started (to SIGSTOP/SIGCONT it: a hung, not a dead, Redis). */
export async function redisPid(url: string): Promise<number> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  const info = await r.info('server');
  r.disconnect();
  const m = /process_id:(\d+)/.exec(info);
  if (!m?.[1]) throw new Error('no process_id in INFO');
  return Number(m[1]);
}

/** Sends a command to a Redis on a short-lived connection. */
export async function redisCommand(url: string, ...args: [string, ...(string | number)[]]): Promise<unknown> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await r.connect();
  try {
    return await r.call(...args);
  } finally {
    r.disconnect();
  }
}
