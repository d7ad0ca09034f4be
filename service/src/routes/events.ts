// POST /v1/events (scope events:write): one event or {"events": [...]} → 202 {"accepted": n}.
import type { FastifyPluginCallback } from 'fastify';
import type { AnalyticsEngine } from '../analytics/engine';
import { parseIngestBody, type Ingestor } from '../events/ingest';
import { requireScope } from '../http/auth';
import { HttpError } from '../http/errors';
import { StoreUnavailableError } from '../store/types';

export interface EventRoutesOptions {
  ingestor: Ingestor;
  /** The tag caps are checked here, before the batch is stored (see analytics/tag-caps.ts). */
  analytics: Pick<AnalyticsEngine, 'assertTagsFit'>;
  onStoreError: () => void;
}

export const eventRoutes: FastifyPluginCallback<EventRoutesOptions> = (app, opts, done) => {
  app.post('/v1/events', { onRequest: requireScope('events:write') }, async (request, reply) => {
    const items = parseIngestBody(request.body);
    opts.analytics.assertTagsFit(items);
    try {
      const accepted = await opts.ingestor.ingest(items);
      return reply.code(202).send({ accepted });
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        opts.onStoreError();
        throw new HttpError(503, 'store_unavailable', 'the event store is unavailable; nothing was stored, retry later');
      }
      throw e;
    }
  });
  done();
};
