// 405 for a known path with the wrong method. Fastify answers 404 for any method/path pair it has no
// route for, so this records every route as it is declared (onRoute) and, once all plugins are
// registered, declares the missing methods of each path as a route that answers 405 with `Allow`.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { HttpError } from './errors';

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export interface RouteTable {
  /** Declares the 405 routes; call after every route-declaring plugin has been registered. */
  install(): void;
}

export function trackRoutes(app: FastifyInstance): RouteTable {
  const byUrl = new Map<string, Set<string>>();
  let installing = false;
  app.addHook('onRoute', (route) => {
    if (installing) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const set = byUrl.get(route.url) ?? new Set<string>();
    for (const m of methods) set.add(m.toUpperCase());
    if (set.has('GET')) set.add('HEAD'); // fastify exposes HEAD for every GET
    byUrl.set(route.url, set);
  });
  return {
    install() {
      installing = true;
      for (const [url, allowed] of byUrl) {
        const missing = METHODS.filter((m) => !allowed.has(m));
        if (missing.length === 0) continue;
        const allow = [...allowed].sort().join(', ');
        app.route({
          method: missing,
          url,
          // Answered in onRequest, before any body byte is read (a slow body must not hold the socket).
          onRequest: (request, _reply, done) => {
            done(new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here; use ${allow}`, [], { Allow: allow }));
          },
          handler: () => undefined, // never reached
        });
      }
      installing = false;
    },
  };
}
