// cors-wildcard: CORS_ORIGINS lets every web site call the API in staging or production.
import { listItems } from '../../catalog/formats';
import type { Rule } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { setEntry } from '../support/view';

export const corsWildcard: Rule = {
  id: 'cors-wildcard',
  description: 'CORS_ORIGINS contains * in staging or production.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (!ctx.prodLike) return [];
    const k = setEntry(ctx, 'CORS_ORIGINS');
    if (!k || !listItems(k.value).includes('*')) return [];
    const message =
      `CORS_ORIGINS allows every origin (*) in ${ctx.profile}: any web site can call the API from its visitors' browsers. ` +
      'List the allowed origins instead, e.g. CORS_ORIGINS=https://app.example.com.';
    return [finding('cors-wildcard', 'error', message, valueRange(ctx, k.entry), { key: 'CORS_ORIGINS' })];
  },
};
