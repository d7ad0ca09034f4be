// JWKS_URL: fetch the key set and check that it parses as a JSON Web Key Set with at least one
// key (an empty set cannot verify any token, so the service would reject everything).
import { z } from 'zod';
import { classify } from './classify';
import { get } from './http-fetch';
import type { Check } from './types';

const JwkSchema = z.looseObject({ kty: z.string().min(1) });
const JwksSchema = z.looseObject({ keys: z.array(JwkSchema) });

/** Why a body is not a usable JWKS, or null when it is one. */
export function jwksProblem(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  const parsed = JwksSchema.safeParse(json);
  if (!parsed.success) return 'the body is not a JWKS (a JSON object with a "keys" array of JWKs, each with "kty")';
  if (parsed.data.keys.length === 0) return 'the key set is empty';
  return null;
}

export const checkJwks: Check = async (url, { signal }) => {
  try {
    const res = await get(url, signal, { accept: 'application/json, application/jwk-set+json', readBody: true });
    if (res.status === 401 || res.status === 403) return { cause: 'authentication', detail: `HTTP ${res.status}` };
    if (res.status < 200 || res.status > 299) return { cause: 'status', detail: `GET answered HTTP ${res.status}` };
    if (res.body === null) return { cause: 'other', detail: 'the body is larger than 1 MB' };
    const problem = jwksProblem(res.body);
    return problem ? { cause: 'other', detail: problem } : null;
  } catch (e) {
    return classify(e);
  }
};
