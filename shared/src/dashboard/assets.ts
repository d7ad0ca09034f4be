// The files the service's /dashboard page loads, relative to the package root (the .vsix ships the
// same files for the webview: dist/webview.js and media/**). Plain data: the service reads them.
export interface DashboardAsset {
  file: string;
  contentType: string;
}

/** URL path under /dashboard/ → file. The page references exactly these. */
export const DASHBOARD_ASSETS: Readonly<Record<string, DashboardAsset>> = {
  'webview.js': { file: 'dist/webview.js', contentType: 'text/javascript; charset=utf-8' },
  'media/dashboard.css': { file: 'media/dashboard.css', contentType: 'text/css; charset=utf-8' },
  // dashboard.css @imports it relative to itself.
  'media/vendor/uPlot.min.css': { file: 'media/vendor/uPlot.min.css', contentType: 'text/css; charset=utf-8' },
};

export const DASHBOARD_SCRIPT_PATH = '/dashboard/webview.js';
export const DASHBOARD_STYLE_PATH = '/dashboard/media/dashboard.css';
