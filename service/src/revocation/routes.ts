// STUB (owned by the token revocation work): the /v1/tokens/* routes as one fastify plugin,
// registered by the service's app. Replace the body; keep the export name.
import type { FastifyPluginAsync } from 'fastify';

export const revocationRoutes: FastifyPluginAsync = async () => {};
