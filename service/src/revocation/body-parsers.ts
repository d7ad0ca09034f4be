// Content types the /v1/tokens/* routes accept, registered inside the revocation plugin only:
// RFC 7009/7662 form bodies, and JSON. A body in a type we do not take, or a form body sent as
// JSON (a common client mistake), gets an answer that says what to send.
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';

const FORM_LIKE = /^[A-Za-z0-9_.~%-]+=[^{[]*$/;

export function installBodyParsers(app: FastifyInstance, bodyLimit: number): void {
  // Only what the routes take: fastify's default text/plain parser would let a mislabelled body
  // through to a confusing validation error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const params = new URLSearchParams(body as string);
    const out: Record<string, string> = {};
    for (const [k, v] of params) out[k] = v;
    done(null, out);
  });

  // Our own JSON parser (here only), to recognise form bodies labelled as JSON.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      const formLike = FORM_LIKE.test(text.trim());
      done(
        new HttpError(
          400,
          formLike ? 'wrong_content_type' : 'invalid_json',
          formLike
            ? 'the body is form-encoded but Content-Type says application/json: send Content-Type: application/x-www-form-urlencoded, or a JSON body'
            : 'malformed JSON body',
          [{ path: '(body)', message: formLike ? 'form-encoded body labelled as JSON' : 'not valid JSON' }],
        ),
      );
    }
  });

  app.addContentTypeParser('*', (_req, _payload, done) => {
    done(
      new HttpError(415, 'unsupported_media_type', 'send the body as application/json or application/x-www-form-urlencoded'),
    );
  });
}
