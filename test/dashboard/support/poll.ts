// expect.poll with a timeout fit for a loaded 2-core CI machine running Chromium and the service
// (vitest's default is 1 s). It waits for a condition; it asserts nothing about speed.
import { expect, type ExpectPollOptions } from 'vitest';

export const POLL_TIMEOUT_MS = 15_000;

export const poll: typeof expect.poll = (actual, options?: ExpectPollOptions) => expect.poll(actual, { timeout: POLL_TIMEOUT_MS, ...options });
