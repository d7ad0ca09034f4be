// The decision table of docs/rules.md#example-files: which names are example files.
import { describe, expect, it } from 'vitest';
import { exampleCandidates, isExampleFile } from './example-names';

const EXAMPLES = [
  '.env.example', '.env.sample', '.env.template', '.example.env', 'example.env', 'sample.env', 'template.env', '.env.local.example',
  '.env.dist', 'env.example', 'env.sample', 'env.template', 'env.dist', '.env.dev.example', '.env.production.sample', '.env.example.complete',
  '.env.example.local', '.env_sample', '.env_example', '.env-example', 'app.example.env', 'docker.env.dist', '.env.tmpl', '.env.tpl',
  '.ENV.EXAMPLE', 'config/.env.example', 'C:\\app\\env.sample',
];
const NOT_EXAMPLES = [
  '.env', '.env.local', '.env.production', '.env.development', '.env.test', '.env.staging', 'app.env', '.env.defaults', '.env.production.local',
  'sample-app.env', 'example-service.env.local', '.env.distribution', 'prod.env', 'examples/.env', 'env', '.envrc',
];

describe('isExampleFile', () => {
  it.each(EXAMPLES)('%s is an example file', (name) => {
    expect(isExampleFile(name)).toBe(true);
  });
  it.each(NOT_EXAMPLES)('%s is not', (name) => {
    expect(isExampleFile(name)).toBe(false);
  });
});

describe('exampleCandidates', () => {
  it("tries the file's own example first, then the project-wide names", () => {
    expect(exampleCandidates('/p/.env.local').slice(0, 5)).toEqual(['.env.local.example', '.env.local.sample', '.env.local.template', '.env.local.dist', '.env.example']);
    expect(exampleCandidates('/p/.env')[0]).toBe('.env.example');
    expect(exampleCandidates('/p/.env')).toContain('.env.dist');
    expect(exampleCandidates('/p/.env')).toContain('env.example');
  });
});
