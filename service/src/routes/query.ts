// POST /v1/query (scope analytics:read): the analytics DSL (shared/src/query.ts).
import type { FastifyPluginCallback } from 'fastify';
import { QuerySchema } from '../../../shared/src/query';
import type { QueryRouter } from '../analytics/query-router';
import { requireScope } from '../http/auth';
import { parseOr400 } from '../http/errors';

export interface QueryRoutesOptions {
  analytics: QueryRouter;
}

export const queryRoutes: FastifyPluginCallback<QueryRoutesOptions> = (app, opts, done) => {
  app.post('/v1/query', { onRequest: requireScope('analytics:read') }, async (request, reply) => {
    const q = parseOr400(QuerySchema, request.body, 'query');
    return reply.send(await opts.analytics.query(q));
  });
  done();
};
