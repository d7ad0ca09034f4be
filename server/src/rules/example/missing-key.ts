// missing-key: keys of the example sibling (.env.example/.sample/.template) absent from this file.
// One finding, one fix that adds them all.
import { CATALOG } from '../../catalog';
import type { Rule } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { appendLinesEdit, fileStartRange, finding } from '../support/findings';
import { generateSecret } from '../support/secrets';
import { exampleEntries, isSecretKey } from './sync';

const LISTED = 8;

/** Signing secrets get a fresh value, other credentials are left for the user to fill in, the rest is copied as written. */
function lineFor(e: EnvEntry): string {
  if (CATALOG.get(e.key)?.secret) return `${e.key}=${generateSecret()}`;
  if (isSecretKey(e.key)) return `${e.key}=`;
  return `${e.key}=${e.raw}`;
}

export const missingKey: Rule = {
  id: 'missing-key',
  description: 'Keys that the example file (.env.example, .env.sample, .env.template) has and this file lacks.',
  semantic: true,
  check(ctx) {
    const example = exampleEntries(ctx);
    if (!example) return [];
    const missing = [...example.values()].filter((e) => !ctx.effective.has(e.key));
    if (missing.length === 0) return [];
    const lines = missing.map(lineFor);
    const names = missing.map((e) => e.key);
    const listed = names.slice(0, LISTED).join(', ') + (names.length > LISTED ? ` and ${names.length - LISTED} more` : '');
    const n = missing.length;
    const message =
      `${n} key${n === 1 ? '' : 's'} of the example file ${n === 1 ? 'is' : 'are'} missing here: ${listed}. ` +
      'Add them (the quick fix copies the example values, leaving credentials empty and generating signing secrets), or remove them from the example.';
    // Not safe: new keys change what the service reads, and example values are often placeholders.
    const fix = { title: `Add the ${n} missing key${n === 1 ? '' : 's'} from the example file`, edits: [appendLinesEdit(ctx, lines)], safe: false, preferred: true };
    return [finding('missing-key', 'warning', message, fileStartRange(ctx), { ...(n === 1 ? { key: names[0] } : {}), fixes: [fix] })];
  },
};
