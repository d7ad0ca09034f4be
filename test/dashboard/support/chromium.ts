// Launches Debian's Chromium through playwright-core (never a downloaded browser). Missing Chromium:
// the caller skips with the reason, except under M1_REQUIRE_SERVICES=1 (CI), where it is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Why Chromium cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export function requireServices(): boolean {
  return process.env.M1_REQUIRE_SERVICES === '1';
}

/** Throws under M1_REQUIRE_SERVICES=1 when Chromium is missing; otherwise returns the skip reason. */
export function chromiumSkipReason(): string | null {
  const missing = chromiumMissing();
  if (missing && requireServices()) throw new Error(`M1_REQUIRE_SERVICES=1 but ${missing}`);
  return missing;
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
