// The UI state the page keeps across reloads (webview getState/setState, or sessionStorage).
import { z } from 'zod';

export const UiStateSchema = z.object({
  queryText: z.string().max(100_000).optional(),
  latencyType: z.string().max(32).optional(),
  paused: z.boolean().optional(),
});
