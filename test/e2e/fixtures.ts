// The workspace the e2e run opens: M1 configurations (each sets M1_* variables), one per file-name
// pattern the extension claims (.env, .env.*, *.env), each with the problems a step looks for.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Values that must never appear on screen, in a notification or in the extension's log. */
export const FIXTURE_SECRETS = {
  devJwtSecret: 'e2e-dev-6f1c0b8e4a2d9f7c3b5e1a0d8c6f4b2e9a7d5c3b1f0e8d6c',
  dbPassword: 'e2e-db-pw-4Qz8Lm2Tx9',
};

export interface ServiceUrls {
  /** The control service (an HTTP endpoint that answers). */
  serviceUrl: string;
  redisUrl: string;
  databaseUrl: string;
  /** A loopback port nothing listens on. */
  closedPort: number;
}

export const FILES = {
  dev: '.env',
  production: '.env.production',
  staging: '.env.staging',
  onSave: '.env.test',
  services: 'services.env',
  settings: '.vscode/settings.json',
} as const;

export function writeWorkspace(dir: string, urls: ServiceUrls): void {
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  const files: Record<string, string> = {
    // Development (profile from NODE_ENV): an invalid value, and secrets the hover must not show.
    [FILES.dev]: [
      '# M1 service: local development',
      'NODE_ENV=development',
      'M1_API_BASE_URL=https://api.example.com',
      `JWT_SECRET=${FIXTURE_SECRETS.devJwtSecret}`,
      `DATABASE_URL=postgres://m1:${FIXTURE_SECRETS.dbPassword}@127.0.0.1:5432/m1`,
      'LOG_LEVEL=verbose',
      '',
    ].join('\n'),
    // Production (profile from the file name): one finding of each of the four levels.
    [FILES.production]: [
      '# M1 service: production',
      'M1_API_BASE_URL=http://api.example.com',
      'M1_REGION=eu-west-1',
      'JWT_SECRET=changeme',
      'DEBUG=true',
      'CACHE_TTL_SECONDS=5',
      '',
    ].join('\n'),
    // Staging: only safe fixes (blanks, quotes, blank lines at the end) for "Fix all".
    [FILES.staging]: ['M1_API_BASE_URL=https://api.staging.example.com   ', "LOG_LEVEL='info'", '', '', ''].join('\n'),
    // Test: fixed on save through editor.codeActionsOnSave.
    [FILES.onSave]: ['M1_API_BASE_URL=https://api.test.example.com', 'LOG_LEVEL=info', ''].join('\n'),
    // *.env: the services it names, for Check Connectivity (one of them on a closed port).
    [FILES.services]: [
      `M1_API_BASE_URL=${urls.serviceUrl}`,
      `REDIS_URL=${urls.redisUrl}`,
      `DATABASE_URL=${urls.databaseUrl}`,
      `M1_ANALYTICS_URL=http://127.0.0.1:${urls.closedPort}`,
      '',
    ].join('\n'),
    [FILES.settings]: '{}\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** User settings: a quiet workbench (recipe step 5) and the extension pointed at the run's service. */
export function userSettings(serviceUrl: string): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'files.autoSave': 'off', // the browser build saves 1 s after a change by default
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.commandCenter.enabled': false,
    'editor.inlineSuggest.enabled': false,
    'remote.autoForwardPorts': false, // the service and the demo open ports; the Ports view need not offer them
    'm1ops.service.url': serviceUrl,
  };
}
