// Glue: the service status bar item. It follows a light relay of its own (health events only, no
// rollups), so it knows the connection state even while the analytics panel is closed.
import * as vscode from 'vscode';
import type { ConnectionState } from '../../../shared/src/dashboard/connection-state';
import { Relay } from '../analytics/relay';
import { serviceStatusView } from './status-model';

export class ServiceStatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('m1ops.serviceStatus', vscode.StatusBarAlignment.Right, 99);
  #relay: Relay | null = null;
  #url = '';

  constructor(openCommand: string) {
    this.#item.name = 'M1 Service';
    this.#item.command = openCommand;
    this.#render({ status: 'off' });
    this.#item.show();
  }

  /** (Re)connects with the current URL and token; '' as URL or no token means off. */
  configure(serviceUrl: string, token: string | null): void {
    this.#relay?.stop();
    this.#relay = null;
    this.#url = serviceUrl;
    if (serviceUrl === '') {
      this.#render({ status: 'off', reason: 'the "m1ops.service.url" setting is empty' });
      return;
    }
    this.#relay = new Relay({ baseUrl: serviceUrl, token, types: ['health'], onState: (s) => this.#render(s), onItem: () => {} });
    this.#relay.start();
  }

  dispose(): void {
    this.#relay?.stop();
    this.#item.dispose();
  }

  #render(s: ConnectionState): void {
    const v = serviceStatusView(s, this.#url, Date.now());
    this.#item.text = v.text;
    this.#item.tooltip = v.tooltip;
    this.#item.backgroundColor = v.alert ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
