// Errors reach the user's output channel as one line: no stack trace, and never a secret (an error
// thrown while reading a document may quote it, so URL credentials are masked and length is capped).
import { redactUrlsIn } from './redact';

const MAX = 300;

export function describeError(e: unknown): string {
  const raw = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const line = redactUrlsIn(raw.replace(/\s+/g, ' ').trim());
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
}
