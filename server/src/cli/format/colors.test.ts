import { describe, expect, it } from 'vitest';
import { useColor } from './colors';

describe('useColor', () => {
  it('colours a terminal, not a pipe', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(undefined, {})).toBe(false);
    expect(useColor(true, { TERM: 'dumb' })).toBe(false);
  });
  it('honours NO_COLOR when set and non-empty', () => {
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, { NO_COLOR: '' })).toBe(true);
  });
  it('lets FORCE_COLOR win, both ways', () => {
    expect(useColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColor(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(true, { FORCE_COLOR: 'false' })).toBe(false);
  });
});
