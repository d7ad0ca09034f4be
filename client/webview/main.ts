// Entry of dist/webview.js (IIFE, bundled for the browser). The page's mode decides the transport:
// data-mode="webview" inside VS Code, "browser" when served by the service at /dashboard.
import { Dashboard } from './app';
import { BrowserTransport, takeTokenFromFragment } from './transport-browser';
import type { Transport } from './transport';
import { WebviewTransport } from './transport-webview';

declare global {
  interface Window {
    /** The running dashboard, for the benchmark and for debugging from the devtools console. */
    m1Dashboard?: Dashboard;
  }
}

function transportFor(mode: string | undefined): Transport {
  if (mode === 'webview') return new WebviewTransport(acquireVsCodeApi(), window);
  return new BrowserTransport(location.origin, takeTokenFromFragment(location, history, sessionStorage));
}

function boot(): void {
  window.m1Dashboard = new Dashboard(document, window, transportFor(document.body.dataset.mode));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
