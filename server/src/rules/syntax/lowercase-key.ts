// lowercase-key: a key with lower-case letters. Environment variable names are upper case by
// convention, and on Linux `api_url` and `API_URL` are different variables.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';

export const lowercaseKey: Rule = {
  id: 'lowercase-key',
  description: 'A key with lower-case letters (environment variable names are upper case by convention).',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      const upper = e.key.toUpperCase();
      if (upper === e.key) continue;
      const clash = ctx.effective.has(upper) ? ` (${upper} is also set in this file)` : '';
      const message = `${e.key} has lower-case letters. Names are case-sensitive: rename it to ${upper}${clash} and update the code that reads it.`;
      // Not safe: the application reads the variable under its old name.
      const fix = { title: `Rename to ${upper}`, edits: [{ range: ctx.range(e.keySpan), newText: upper }], safe: false, preferred: true };
      out.push(finding('lowercase-key', 'info', message, ctx.range(e.keySpan), { key: e.key, fixes: [fix] }));
    }
    return out;
  },
};
