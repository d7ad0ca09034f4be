// Every command of the extension, in ONE table: id, title (package.json `contributes.commands`
// must match, a test checks it), handler. Handlers talk to VS Code only through CommandHost.
import { CheckConnectivityRequest, type CheckConnectivityResult } from '../../shared/src/protocol';
import { runFeature } from './analytics/features';
import type { CommandHost } from './host';
import { generateSecret } from './secret';
import { LANGUAGE_ID } from './server-options';

export const CATEGORY = 'M1';

export interface CommandSpec {
  id: string;
  title: string;
  /**
   * Planned by product.md but implemented by a later issue (tokens, analytics): registered so a
   * keybinding gets an explanation, but not contributed to the Command Palette yet.
   */
  planned?: true;
  run(host: CommandHost): Promise<void>;
}

export const COMMANDS: readonly CommandSpec[] = [
  { id: 'm1ops.checkConnectivity', title: 'Check Connectivity', run: checkConnectivity },
  { id: 'm1ops.generateSecret', title: 'Generate Secret', run: insertSecret },
  { id: 'm1ops.restartServer', title: 'Restart Language Server', run: (h) => h.restartServer() },
  { id: 'm1ops.showOutput', title: 'Show Output', run: (h) => Promise.resolve(h.showOutput()) },
  // The analytics and token commands need the extension context: activateAnalytics() provides them (analytics/features.ts).
  { id: 'm1ops.revokeToken', title: 'Revoke Token', run: runFeature('revokeToken') },
  { id: 'm1ops.revokeAllTokens', title: 'Revoke All Tokens of a User or Tool', run: runFeature('revokeAllTokens') },
  { id: 'm1ops.tokenStatus', title: 'Check Token Status', run: runFeature('tokenStatus') },
  { id: 'm1ops.auditRevocations', title: 'Audit Token Revocations', run: runFeature('auditRevocations') },
  { id: 'm1ops.openAnalytics', title: 'Open Live Analytics', run: runFeature('openAnalytics') },
  { id: 'm1ops.setAdminToken', title: 'Set Admin Token', run: runFeature('setAdminToken') },
];

export async function insertSecret(host: CommandHost): Promise<void> {
  const secret = generateSecret();
  const editor = host.activeEditor();
  if (editor && (await editor.insertAtSelections(secret))) return;
  // No editor to write into: the clipboard still gets it, and the secret is never displayed.
  await host.copyToClipboard(secret);
  host.info('M1: a new secret (48 random bytes, base64url) was copied to the clipboard.');
}

export async function checkConnectivity(host: CommandHost): Promise<void> {
  const editor = host.activeEditor();
  if (!editor || editor.languageId !== LANGUAGE_ID) {
    host.warn('M1: open a .env file first: Check Connectivity tests the services it names.');
    return;
  }
  const raw = await host.request(CheckConnectivityRequest.method, { uri: editor.uri });
  const parsed = CheckConnectivityRequest.result.safeParse(raw);
  if (!parsed.success) {
    host.warn('M1: the language server gave an unexpected answer; see "M1: Show Output".');
    return;
  }
  const { message, ok } = connectivitySummary(parsed.data);
  if (ok) host.info(message);
  else host.warn(message);
}

/** One line for the notification; the details are diagnostics on the values concerned. */
export function connectivitySummary(r: CheckConnectivityResult): { ok: boolean; message: string } {
  if (!r.checked) return { ok: false, message: 'M1: this file could not be checked (is it still open?).' };
  if (r.keys.length === 0) {
    return { ok: true, message: 'M1: nothing to check: the file sets none of REDIS_URL, DATABASE_URL, M1_API_BASE_URL, M1_ANALYTICS_URL, JWKS_URL.' };
  }
  const cached = r.cached ? ' (answers from the last 30 s)' : '';
  if (r.unreachable.length === 0) return { ok: true, message: `M1: all reachable: ${r.keys.join(', ')}${cached}.` };
  const names = r.unreachable.map((u) => u.key).join(', ');
  return { ok: false, message: `M1: ${r.unreachable.length} of ${r.keys.length} unreachable: ${names}${cached}. See the Problems panel.` };
}
