import { describe, expect, it } from 'vitest';
import { M1_NODE, SAMPLE } from '../../../../test/cli/findings';
import { palette } from './colors';
import { formatText } from './text';

const plain = palette(false);

describe('formatText', () => {
  it('prints path:line:col, level, rule and message, grouped by file, with a summary', () => {
    const out = formatText(SAMPLE, { color: plain, checked: 3 });
    expect(out).toBe(
      [
        'config/.env.production (profile: production; M1 config: sets M1_API_BASE_URL)',
        'config/.env.production:1:15  critical  algorithm-none       Critical: JWT_ALGORITHM is none; use HS256.',
        'config/.env.production:3:17  error     insecure-url         insecure-url message',
        'config/.env.production:4:8   warning   trailing-whitespace  trailing-whitespace message',
        '',
        'config/app.env (profile: development; generic rules: no M1_* variable; compose dialect: compose.yaml beside it)',
        'config/app.env:6:1  info  unknown-key  unknown-key message',
        '',
        '4 problems (1 critical, 1 error, 1 warning, 1 info) in 2 of 3 files.',
        '1 file without an M1_* variable got the generic rules only (config/app.env); --schema m1 applies the M1 catalog.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    expect(formatText([{ path: '.env', profile: 'development', ...M1_NODE, findings: [] }], { color: plain, checked: 1 })).toBe('No problems in 1 file.\n');
  });

  it('reports what --fix repaired, per file and in total', () => {
    const out = formatText(
      [
        { path: '.env', profile: 'development', ...M1_NODE, findings: [], fixed: ['trailing-whitespace', 'trailing-whitespace', 'quote-character'] },
        { path: 'b.env', profile: 'development', ...M1_NODE, findings: [], fixed: [] },
      ],
      { color: plain, checked: 2 },
    );
    expect(out).toContain('fixed 3 problems: trailing-whitespace (2), quote-character');
    expect(out).toContain('No problems left in 2 files.\nFixed 3 problems in 1 file.');
  });

  it('colours levels only with an enabled palette', () => {
    expect(formatText(SAMPLE, { color: plain, checked: 3 })).not.toContain('\x1b[');
    const coloured = formatText(SAMPLE, { color: palette(true), checked: 3 });
    expect(coloured).toContain('\x1b[31merror   \x1b[39m');
    expect(coloured).toContain('\x1b[1;35mcritical\x1b[22;39m');
  });
});
