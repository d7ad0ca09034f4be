import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../../../../test/cli/findings';
import { SarifLog } from '../../../../test/cli/sarif-schema';
import { artifactLocation, formatSarif } from './sarif';

const opts = { version: '9.9.9', cwd: '/work/repo', describe: (r: string) => `about ${r}` };

describe('formatSarif', () => {
  const log = SarifLog.parse(JSON.parse(formatSarif(SAMPLE, opts)));
  const run = log.runs[0]!;

  it('is a SARIF 2.1.0 log naming the tool and its rules', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(run.tool.driver).toMatchObject({ name: 'm1-ops', version: '9.9.9' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['algorithm-none', 'insecure-url', 'trailing-whitespace', 'unknown-key']);
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'algorithm-none',
      shortDescription: { text: 'about algorithm-none' },
      helpUri: 'https://github.com/m1-ops/m1-ops/blob/main/docs/rules.md#algorithm-none',
    });
  });

  it('maps levels, keeps ours in properties, and points at 1-based regions of relative URIs', () => {
    expect(run.results.map((r) => [r.ruleId, r.level, r.properties.level])).toEqual([
      ['algorithm-none', 'error', 'critical'],
      ['insecure-url', 'error', 'error'],
      ['trailing-whitespace', 'warning', 'warning'],
      ['unknown-key', 'note', 'info'],
    ]);
    const first = run.results[0]!;
    expect(run.tool.driver.rules[first.ruleIndex]?.id).toBe(first.ruleId);
    expect(first.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'config/.env.production', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 15, endLine: 1, endColumn: 19 },
    });
    expect(run.originalUriBaseIds['%SRCROOT%']).toEqual({ uri: 'file:///work/repo/' });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('encodes relative URIs and uses file: URIs outside the working directory', () => {
    expect(artifactLocation('/work/repo/my dir/.env', '/work/repo')).toEqual({ uri: 'my%20dir/.env', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/elsewhere/.env', '/work/repo')).toEqual({ uri: 'file:///elsewhere/.env' });
    expect(artifactLocation('sub/a.env', process.cwd())).toEqual({ uri: 'sub/a.env', uriBaseId: '%SRCROOT%' });
  });

  it('is a valid log with no results', () => {
    const empty = SarifLog.parse(JSON.parse(formatSarif([], opts)));
    expect(empty.runs[0]?.results).toEqual([]);
    expect(empty.runs[0]?.tool.driver.rules).toEqual([]);
  });
});
