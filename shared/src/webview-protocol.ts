// Messages between the extension host and the analytics webview, both directions. Each side parses
// what it receives with these schemas: the webview is a browser page (its messages are untrusted
// input to the host), and the host's messages are checked again so a bug there cannot break the UI.
import { z } from 'zod';
import { ConnectionStateSchema } from './dashboard/connection-state';
import { ApiFailureSchema, QueryResponseSchema } from './dashboard/query-result';
import { StreamItemSchema } from './dashboard/stream-items';

/** The host batches stream items; a batch never exceeds this (the host drops the oldest instead). */
export const MAX_ITEMS_PER_MESSAGE = 5000;

export const HostToWebviewSchema = z.discriminatedUnion('type', [
  /** Sent in answer to `ready`: what the page cannot know by itself. */
  z.object({ type: z.literal('config'), serviceUrl: z.string().max(2048) }),
  z.object({ type: z.literal('state'), state: ConnectionStateSchema }),
  z.object({
    type: z.literal('items'),
    items: z.array(StreamItemSchema).max(MAX_ITEMS_PER_MESSAGE),
    /** Items the host dropped since the previous batch because the page fell behind. */
    dropped: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('queryResult'),
    requestId: z.number().int(),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), response: QueryResponseSchema }),
      z.object({ ok: z.literal(false), failure: ApiFailureSchema }),
    ]),
  }),
]);
export type HostToWebview = z.infer<typeof HostToWebviewSchema>;

export const WebviewToHostSchema = z.discriminatedUnion('type', [
  /** The page has loaded and listens: the host answers with `config` and the current `state`. */
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('query'),
    requestId: z.number().int(),
    /** The DSL body; the host checks it again before sending it to the service. */
    query: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('retryNow') }),
  z.object({ type: z.literal('setAdminToken') }),
]);
export type WebviewToHost = z.infer<typeof WebviewToHostSchema>;
