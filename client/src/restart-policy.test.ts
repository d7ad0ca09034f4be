import { expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy';

it('restarts up to the limit within the window, then stops with a message naming the way back', () => {
  let now = 0;
  const p = new RestartPolicy(2, 60_000, () => now);
  expect(p.closed()).toEqual({ restart: true });
  expect(p.closed()).toEqual({ restart: true });
  const third = p.closed();
  expect(third.restart).toBe(false);
  expect(third.message).toContain('M1: Restart Language Server');
  now += 60_000; // the old crashes left the window
  expect(p.closed()).toEqual({ restart: true });
});

it('starts over after a manual restart', () => {
  const p = new RestartPolicy(1, 60_000, () => 0);
  p.closed();
  expect(p.closed().restart).toBe(false);
  p.reset();
  expect(p.closed().restart).toBe(true);
});
