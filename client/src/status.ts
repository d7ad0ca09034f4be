// The status bar item's text: the language server's state, and for the active .env file the
// profile the rules ran with and the counts. Plain data; the glue puts it on a StatusBarItem.
import type { StatusParams } from '../../shared/src/protocol';

export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Use the warning/error background. */
  alert: boolean;
}

export function statusView(state: ServerState, file: StatusParams | undefined): StatusView {
  if (state === 'starting') return { text: '$(sync~spin) M1', tooltip: 'M1 Ops: starting the language server…', alert: false };
  if (state === 'stopped') return { text: '$(error) M1', tooltip: 'M1 Ops: the language server is stopped. Click for its output.', alert: true };
  if (!file) return { text: '$(check) M1', tooltip: 'M1 Ops: the language server is running.', alert: false };
  const { critical, error, warning, info } = file.counts;
  const problems = critical + error;
  // A file that is not an M1 config gets the generic rules: say so instead of an M1 profile.
  const label = file.schema === 'generic' ? 'generic' : file.profile;
  const text = problems > 0 ? `$(error) M1 ${label}: ${problems}` : warning > 0 ? `$(warning) M1 ${label}: ${warning}` : `$(check) M1 ${label}`;
  const schema =
    file.schema === undefined ? '' : file.schema === 'm1' ? `; M1 config (${file.schemaReason ?? ''})` : `; generic rules, not an M1 config (${file.schemaReason ?? ''})`;
  const dialect = file.dialect && file.dialect !== 'node' ? `; ${file.dialect} dialect (${file.dialectReason ?? ''})` : '';
  const tooltip = `M1 Ops: profile ${file.profile} (${file.profileSource})${schema}${dialect} — ${critical} critical, ${error} errors, ${warning} warnings, ${info} info`;
  return { text, tooltip, alert: critical > 0 };
}
