// SSE wire format (WHATWG HTML "server-sent events"): `id`, `event`, `data` lines and a blank line.
// Rollup, anomaly and reset frames carry no `id` line, so a client's Last-Event-ID stays the id of the
// last raw event it received and replay stays exact.
import type { StoredEvent } from '../store/types';

export const RETRY_MS = 2000;

export function eventFrame(e: StoredEvent): string {
  return `id: ${e.seq}\nevent: ${e.event.type}\ndata: ${e.json}\n\n`;
}

export function namedFrame(event: 'rollup' | 'anomaly' | 'reset', payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function commentFrame(text: string): string {
  return `: ${text.replace(/\n/g, ' ')}\n\n`;
}

export const OPENING = `retry: ${RETRY_MS}\n\n`;
export const PING = ': ping\n\n';
