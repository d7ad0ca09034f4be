// The service connection's status bar item as plain data (the language server has its own item).
// Click: opens Live Analytics. Codicons in the text; the tooltip says what to do.
import type { ConnectionState } from '../../../shared/src/dashboard/connection-state';

export interface ServiceStatusView {
  text: string;
  tooltip: string;
  /** The error background for states that need the user (unauthorised). */
  alert: boolean;
}

export function serviceStatusView(s: ConnectionState, serviceUrl: string, now: number): ServiceStatusView {
  const open = 'Click to open Live Analytics.';
  switch (s.status) {
    case 'connected':
      return { text: '$(pulse) M1 service', tooltip: `M1 service: connected to ${serviceUrl}. ${open}`, alert: false };
    case 'reconnecting': {
      if (s.attempt === 0 && s.retryAt === null) return { text: '$(sync~spin) M1 service', tooltip: `M1 service: connecting to ${serviceUrl}…`, alert: false };
      const when = s.retryAt === null ? 'retrying now' : `retrying in ${Math.max(0, Math.ceil((s.retryAt - now) / 1000))} s`;
      return {
        text: '$(debug-disconnect) M1 service',
        tooltip: `M1 service: reconnecting to ${serviceUrl} (${s.reason ?? 'no answer'}; ${when}, attempt ${s.attempt}). Check the "m1ops.service.url" setting if it stays down.`,
        alert: false,
      };
    }
    case 'unauthorised':
      return {
        text: '$(key) M1 service',
        tooltip: `M1 service: ${s.reason}. Run "M1: Set Admin Token"${s.httpStatus === 403 ? ' with a token that has analytics:read' : ''}.`,
        alert: true,
      };
    case 'off':
      return { text: '$(circle-slash) M1 service', tooltip: `M1 service: not connected${s.reason ? ` (${s.reason})` : ''}.`, alert: false };
  }
}
