// The tag caps at the door: a batch that would take an event type past its distinct tag names
// (M1_ANALYTICS_MAX_TAG_NAMES) or a tag past its distinct values (M1_ANALYTICS_MAX_TAG_VALUES) is
// refused whole with a 400 naming the first items that overflow, before anything is stored. (Events
// that reach the engine by other ways - another instance, a stream replay - are bounded by the table,
// which drops the tags past the caps.)
import type { EventType } from '../../../shared/src/events';
import { HttpError, type ErrorIssue } from '../http/errors';
import type { ColumnarTable } from './columnar-table';

export interface TaggedItem {
  type: EventType;
  tags?: Record<string, string> | undefined;
}

const SHOWN = 20;

export function assertTagsFit(tableOf: (type: EventType) => ColumnarTable, items: readonly TaggedItem[]): void {
  // New names per type, and new values per (type, name), that this batch would add.
  const newNames = new Map<EventType, Set<string>>();
  const newValues = new Map<string, Set<string>>();
  const issues: ErrorIssue[] = [];
  for (let i = 0; i < items.length && issues.length < SHOWN; i++) {
    const item = items[i] as TaggedItem;
    if (!item.tags) continue;
    const table = tableOf(item.type);
    for (const [name, value] of Object.entries(item.tags)) {
      const dict = table.tagDicts.get(name);
      let names = newNames.get(item.type);
      if (!names) newNames.set(item.type, (names = new Set()));
      if (dict === undefined && !names.has(name)) {
        if (table.tagDicts.size + names.size >= table.caps.maxTagNames) {
          issues.push({
            index: i,
            path: `${items.length > 1 ? `events[${i}].` : ''}tags.${name}`,
            message: `"${item.type}" events already have ${table.caps.maxTagNames} distinct tag names (M1_ANALYTICS_MAX_TAG_NAMES); use one of them or fewer names`,
          });
          continue;
        }
        names.add(name);
      }
      if (dict !== undefined && dict.lookup(value) >= 0) continue;
      const key = `${item.type}\u0000${name}`;
      let values = newValues.get(key);
      if (!values) newValues.set(key, (values = new Set()));
      if (values.has(value)) continue;
      if ((dict?.size ?? 0) + values.size >= table.caps.maxTagValues) {
        issues.push({
          index: i,
          path: `${items.length > 1 ? `events[${i}].` : ''}tags.${name}`,
          message: `tag "${name}" of "${item.type}" events already has ${table.caps.maxTagValues} distinct values (M1_ANALYTICS_MAX_TAG_VALUES); tags are for low-cardinality labels, not ids`,
        });
        continue;
      }
      values.add(value);
    }
  }
  if (issues.length > 0) {
    throw new HttpError(400, 'too_many_tags', `nothing stored: ${issues[0]?.path}: ${issues[0]?.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, issues);
  }
}
