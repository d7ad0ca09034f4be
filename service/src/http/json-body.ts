// The app's JSON body parser. fastify's own refuses `__proto__` keys (prototype poisoning) but then
// answers "Body is not valid JSON", which is false and leaves the client guessing. This one refuses
// them too - a `__proto__` key would reach zod's record parsing and objects built from the body - and
// says why: 400 `forbidden_key`. Bodies without the words pay one substring search.
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

function forbidden(key: string): HttpError {
  return new HttpError(400, 'forbidden_key', `the body holds a \`${key}\` key, which is refused anywhere in a body (prototype-poisoning protection); rename it`, [
    { path: '(body)', message: `forbidden key \`${key}\`` },
  ]);
}

export function parseJsonBody(text: string): unknown {
  if (!text.includes('__proto__') && !text.includes('constructor')) return JSON.parse(text) as unknown;
  return JSON.parse(text, function reviver(this: unknown, key: string, value: unknown) {
    if (key === '__proto__') throw forbidden('__proto__');
    if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype')) throw forbidden('constructor.prototype');
    return value;
  }) as unknown;
}

export function installJsonParser(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      if (e instanceof HttpError) {
        done(e, undefined);
        return;
      }
      const err = e as Error & { statusCode?: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });
}
