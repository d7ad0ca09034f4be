// undocumented-key: a key of this file that the example sibling does not mention.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding, keyRange } from '../support/findings';
import { exampleEntries } from './sync';

export const undocumentedKey: Rule = {
  id: 'undocumented-key',
  description: 'A key of this file that the example file does not list.',
  semantic: true,
  check(ctx) {
    const example = exampleEntries(ctx);
    if (!example) return [];
    const out: Finding[] = [];
    for (const entry of ctx.effective.values()) {
      if (example.has(entry.key)) continue;
      const message = `${entry.key} is not in the example file: add it there (with a placeholder value) so that others know it exists.`;
      out.push(finding('undocumented-key', 'info', message, keyRange(ctx, entry), { key: entry.key }));
    }
    return out;
  },
};
