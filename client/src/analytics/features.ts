// The analytics and token commands as the command table (commands.ts) reaches them: commands.ts must
// not import `vscode` (it is tested without it), while these commands need the extension context
// (secret storage, the webview). activateAnalytics() (activate.ts) provides the implementations at
// activation; until then, or if it failed, a command says so instead of doing nothing.
export const FEATURE_IDS = ['openAnalytics', 'revokeToken', 'revokeAllTokens', 'tokenStatus', 'auditRevocations', 'setAdminToken'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

type Implementations = Partial<Record<FeatureId, () => Promise<void>>>;

let provided: Implementations = {};

export function provideFeatures(impl: Implementations): { dispose(): void } {
  provided = impl;
  return {
    dispose: () => {
      if (provided === impl) provided = {};
    },
  };
}

/** A command-table handler for `id` (the host is only used to explain a missing implementation). */
export function runFeature(id: FeatureId): (host: { warn(message: string): void }) => Promise<void> {
  return async (host) => {
    const run = provided[id];
    if (!run) {
      host.warn('M1: the analytics and token commands are not ready (the extension did not finish activating). See "M1: Show Output".');
      return;
    }
    await run();
  };
}
