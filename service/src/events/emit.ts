// Emitting events from inside the service (revocation's fail-closed `errors` events, the demo traffic):
// the same validation and pipeline as POST /v1/events, but it never rejects, so a caller on a hot or
// failing path (a revocation check timing out) cannot be broken by analytics.
//
// STABLE INTERFACE (used by the revocation work, through `app.m1.events`):
//   interface EventSink { emit(input: EventInput | EventInput[]): Promise<boolean> }
//     resolves true when stored, false when the input was invalid or the store was unavailable
//     (logged without the event's content, and counted in m1_events_dropped_total{reason}).
//   e.g. await app.m1.events.emit({ type: 'errors', code: 'revocation_store_timeout',
//          message: 'revocation store did not answer in 500 ms; denied', severity: 'high', source: 'revocation' });
import type { FastifyBaseLogger } from 'fastify';
import type { EventInput } from '../../../shared/src/events';
import type { HttpError } from '../http/errors';
import type { Counter } from '../metrics/registry';
import { parseIngestBody, type Ingestor } from './ingest';

export interface EventSink {
  emit(input: EventInput | EventInput[]): Promise<boolean>;
}

export function createEventSink(ingestor: Ingestor, dropped: Counter, log: () => FastifyBaseLogger | null): EventSink {
  return {
    async emit(input) {
      let items;
      try {
        items = parseIngestBody(Array.isArray(input) ? { events: input } : input);
      } catch (e) {
        dropped.inc({ reason: 'invalid' });
        log()?.warn({ issues: (e as HttpError).issues }, 'internal event rejected');
        return false;
      }
      try {
        await ingestor.ingest(items);
        return true;
      } catch (e) {
        dropped.inc({ reason: 'store' });
        log()?.warn({ err: (e as Error).message }, 'internal event not stored');
        return false;
      }
    },
  };
}
