import { describe, expect, it } from 'vitest';
import { parseValidateArgs } from './options';

describe('parseValidateArgs', () => {
  it('has the documented defaults', () => {
    expect(parseValidateArgs([])).toEqual({ paths: ['.'], schema: 'auto', dialect: 'auto', format: 'text', failOn: 'error', connectivity: false, fix: false, help: false });
  });
  it('reads every option', () => {
    expect(parseValidateArgs(['a', '--profile', 'staging', '--schema', 'generic', '--dialect=compose', '--format=sarif', '--fail-on', 'info', '--connectivity', '--fix', 'b'])).toEqual({
      paths: ['a', 'b'],
      profile: 'staging',
      schema: 'generic',
      dialect: 'compose',
      format: 'sarif',
      failOn: 'info',
      connectivity: true,
      fix: true,
      help: false,
    });
  });
  it.each([
    [['--format', 'xml'], '--format must be one of text, json, sarif (got "xml")'],
    [['--fail-on', 'fatal'], '--fail-on must be one of critical, error, warning, info (got "fatal")'],
    [['--profile', 'prod'], '--profile must be one of development, test, staging, production (got "prod")'],
    [['--schema', 'M1'], '--schema must be one of auto, m1, generic (got "M1")'],
    [['--dialect', 'symfony'], '--dialect must be one of auto, node, compose, php (got "symfony")'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--format'], "Option '--format <value>' argument missing"],
  ])('rejects %j', (args, message) => {
    expect(() => parseValidateArgs(args)).toThrow(message);
  });
});
