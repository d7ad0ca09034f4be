// Connectivity checks on demand: the `m1ops/checkConnectivity` request (the extension's command)
// and the open/save triggers. The engine builds the context on this thread: it runs rarely.
import { CheckConnectivityRequest, type CheckConnectivityResult } from '../../../../shared/src/protocol';
import type { CheckOutcome } from '../services/connectivity';
import { validationContext } from '../services/validate-document';
import type { ServerContext } from './context';
import { publish, validationInput } from './diagnostics';
import { guardRequest } from './guard';

const NOT_CHECKED: CheckConnectivityResult = { checked: false, keys: [], unreachable: [], cached: false };

export function registerConnectivity(ctx: ServerContext): void {
  ctx.connection.onRequest(
    CheckConnectivityRequest.method,
    guardRequest(ctx.log, CheckConnectivityRequest.method, NOT_CHECKED, async (raw: unknown): Promise<CheckConnectivityResult> => {
      const params = CheckConnectivityRequest.params.safeParse(raw);
      if (!params.success) return NOT_CHECKED;
      const outcome = await runConnectivity(ctx, params.data.uri);
      if (!outcome) return NOT_CHECKED;
      const unreachable = outcome.findings.map((f) => ({ key: f.key ?? '', message: f.message }));
      return { checked: !outcome.aborted, keys: outcome.keys, unreachable, cached: outcome.cached };
    }),
  );
}

export async function runConnectivity(ctx: ServerContext, uri: string): Promise<CheckOutcome | undefined> {
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const snap = { uri, version: doc.version, text: doc.getText() };
  const ruleCtx = validationContext(validationInput(ctx, snap, await ctx.settings.get(uri)));
  const outcome = await ctx.connectivity.check(uri, ruleCtx);
  if (!outcome.aborted) publish(ctx, uri);
  return outcome;
}
