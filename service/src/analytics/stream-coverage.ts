// What the Redis stream could not give a starting instance: the stream is trimmed to 1,000,000 entries
// (and to the retention), so at more than ~12 events/s it holds less than a 24 h retention, and the
// engine then starts with a shorter window than the retention promises. XINFO STREAM says whether
// entries were ever trimmed (entries-added > length, Redis 7) and the first entry's time; when entries
// went while the first one is still inside the retention, the window starts at that entry.
import type { RedisClient } from '../redis/connect';

/** Epoch ms before which the stream lost entries that were still within the retention; null when none
 * (or when this Redis does not say). */
export async function streamTrimmedBefore(redis: RedisClient, streamKey: string, now: number, retentionMs: number): Promise<number | null> {
  let info: unknown;
  try {
    info = await redis.call('XINFO', 'STREAM', streamKey);
  } catch {
    return null; // no stream yet
  }
  if (!Array.isArray(info)) return null;
  const field = (name: string): unknown => {
    const i = info.indexOf(name);
    return i >= 0 ? info[i + 1] : undefined;
  };
  const length = Number(field('length'));
  const added = Number(field('entries-added'));
  const first = field('first-entry');
  if (!Number.isFinite(length) || !Number.isFinite(added) || added <= length || !Array.isArray(first)) return null;
  const firstMs = Number(String(first[0]).split('-')[0]);
  // Trimming by the retention (MINID ~) leaves the first entry near the retention's edge; a minute of
  // slack keeps that from reading as a loss.
  return Number.isFinite(firstMs) && firstMs > now - retentionMs + 60_000 ? firstMs : null;
}
