import { describe, expect, it } from 'vitest';
import { matchesM1Files } from './m1-files';

describe('matchesM1Files', () => {
  it.each([
    ['/w/deploy/prod/.env', ['deploy/**/.env*'], true],
    ['/w/deploy/.env.production', ['deploy/**/.env*'], true],
    ['/w/other/.env', ['deploy/**/.env*'], false],
    ['/w/services/api/.env', ['services/api/.env'], true],
    ['/w/services/apix/.env', ['services/api/.env'], false],
    ['/w/a/.env', ['*.env'], true], // dot files are not special
    ['/w/a/app.env', ['*.env'], true],
    ['C:\\w\\deploy\\.env', ['deploy/.env'], true],
    ['/w/x/.env', ['/w/x/.env'], true],
    ['/v/w/x/.env', ['/w/x/.env'], false],
    ['/w/x/.env', [], false],
    ['/w/x/.env.1', ['.env.?'], true],
  ])('%s against %j: %s', (path, globs, expected) => {
    expect(matchesM1Files(path, globs)).toBe(expected);
  });
});
