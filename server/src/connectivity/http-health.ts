// HTTP reachability of M1_API_BASE_URL and M1_ANALYTICS_URL.
// Decision: GET `<base>/healthz` (relative to the base path, so `https://h/v1` → `https://h/v1/healthz`,
// the path the M1 control service serves) and count ANY response below 500 as reachable: a 404 or
// 401 still proves that DNS, TCP, TLS and the server work, and the services' health path is not
// standardised. A 5xx means the server is there but failing, which is reported.
import { classify } from './classify';
import { get } from './http-fetch';
import type { Check } from './types';

export function healthUrl(base: URL): URL {
  const dir = new URL(base.href);
  dir.search = '';
  dir.hash = '';
  if (!dir.pathname.endsWith('/')) dir.pathname += '/';
  return new URL('healthz', dir);
}

export const checkHttpHealth: Check = async (url, { signal }) => {
  try {
    const res = await get(healthUrl(url), signal, { accept: '*/*', readBody: false });
    return res.status < 500 ? null : { cause: 'status', detail: `GET /healthz answered HTTP ${res.status}` };
  } catch (e) {
    return classify(e);
  }
};
