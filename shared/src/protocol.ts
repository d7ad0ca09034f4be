// The language server's custom messages, beyond LSP. Plain method names, zod schemas and types:
// no vscode or vscode-jsonrpc import, so the extension, the server and tests share one definition
// and each side parses what it receives. `zod/mini` because the extension bundles this file: the
// tree-shakable build costs ~15 KB where the classic one costs ~450 KB of activation time.
import * as z from 'zod/mini';

/** The settings section (`m1ops.*`), and the language client's id (so `m1ops.trace.server` works). */
export const SETTINGS_SECTION = 'm1ops';

/** The LSP CodeActionKind of "Fix all M1 issues in this file" (editor.codeActionsOnSave can name it). */
export const FIX_ALL_KIND = 'source.fixAll.m1ops';

/** Client → server request: run the connectivity checks for one open document now. */
export const CheckConnectivityRequest = {
  method: 'm1ops/checkConnectivity',
  params: z.object({ uri: z.string().check(z.minLength(1)) }),
  result: z.object({
    /** False when the document is not open (or not a dotenv file) on the server. */
    checked: z.boolean(),
    /** The variables that were checked (names only, never values). */
    keys: z.array(z.string()),
    /** One line per unreachable variable; messages never contain a secret. */
    unreachable: z.array(z.object({ key: z.string(), message: z.string() })),
    /** The answers came from the 30-second cache. */
    cached: z.boolean(),
  }),
} as const;
export type CheckConnectivityParams = z.infer<typeof CheckConnectivityRequest.params>;
export type CheckConnectivityResult = z.infer<typeof CheckConnectivityRequest.result>;

/**
 * Server → client notification after each validation run, sent only when the client asked for it
 * in `initializationOptions` (tests count runs with it instead of sleeping).
 */
export const ValidationRunNotification = {
  method: 'm1ops/validationRun',
  params: z.object({
    uri: z.string(),
    version: z.int(),
    /** Runs so far for this document since it was opened. */
    runs: z.int().check(z.nonnegative()),
    findings: z.int().check(z.nonnegative()),
  }),
} as const;
export type ValidationRunParams = z.infer<typeof ValidationRunNotification.params>;

/** Server → client notification: what the status bar shows for the active document. */
export const StatusNotification = {
  method: 'm1ops/status',
  params: z.object({
    uri: z.string(),
    /** The profile the rules ran with, and why (explicit setting, file name, NODE_ENV, default). */
    profile: z.string(),
    profileSource: z.string(),
    /**
     * `m1` when the file is an M1 config (judged by the catalog), `generic` otherwise, and why
     * ("sets M1_API_BASE_URL", "no M1_* variable"). Optional: older servers do not send them.
     */
    schema: z.optional(z.enum(['m1', 'generic'])),
    schemaReason: z.optional(z.string()),
    /** The reader the file is judged for (`node`, `compose`, `php`) and why ("compose.yaml beside it"). */
    dialect: z.optional(z.string()),
    dialectReason: z.optional(z.string()),
    counts: z.object({ critical: z.number(), error: z.number(), warning: z.number(), info: z.number() }),
  }),
} as const;
export type StatusParams = z.infer<typeof StatusNotification.params>;

/** What the client may pass in `initializationOptions`; unknown members are ignored. */
export const InitializationOptionsSchema = z.catch(
  z.object({
    /** Send `m1ops/validationRun` after every run (tests, diagnostics of the server itself). */
    reportValidationRuns: z._default(z.boolean(), false),
    /** Send `m1ops/status` (profile and counts) after each run; the VS Code extension shows it. */
    statusNotifications: z._default(z.boolean(), false),
    /** Settings for clients that support neither workspace/configuration nor didChangeConfiguration. */
    settings: z.optional(z.unknown()),
  }),
  { reportValidationRuns: false, statusNotifications: false },
);
export type InitializationOptions = z.input<typeof InitializationOptionsSchema>;
