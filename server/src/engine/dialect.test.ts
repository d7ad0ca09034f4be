// Which reader a file is written for (docs/rules-syntax.md#dialects), and what changes with it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { undefinedReference } from '../rules/interpolation/undefined-reference';
import { substitutionKey } from '../rules/syntax/substitution-key';
import { unquotedHash } from '../rules/syntax/unquoted-hash';
import { runRule } from '../rules/testing';
import { applyEdits } from './apply-fixes';
import { detectDialect } from './dialect';
import { validate } from './validate';

const project = (...files: string[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'm1-dialect-'));
  for (const f of files) writeFileSync(join(dir, f), '{}\n');
  return dir;
};

describe('detectDialect', () => {
  it('reads the neighbours: PHP project files, then compose files, else node', () => {
    expect(detectDialect(join(project('compose.yaml'), '.env'))).toMatchObject({ dialect: 'compose', reason: 'compose.yaml beside it' });
    expect(detectDialect(join(project('docker-compose.yml'), '.env'))).toMatchObject({ dialect: 'compose' });
    expect(detectDialect(join(project('composer.json'), '.env'))).toMatchObject({ dialect: 'php', reason: 'composer.json beside it' });
    expect(detectDialect(join(project('symfony.lock', 'compose.yaml'), '.env'))).toMatchObject({ dialect: 'php' });
    expect(detectDialect(join(project('package.json'), '.env'))).toMatchObject({ dialect: 'node', source: 'default' });
  });
  it('takes .env.dist as Symfony, and an explicit choice over everything', () => {
    expect(detectDialect(join(project(), '.env.dist'))).toMatchObject({ dialect: 'php', source: 'file-name' });
    expect(detectDialect(join(project('compose.yaml'), '.env'), 'node')).toMatchObject({ dialect: 'node', source: 'explicit' });
  });
});

describe('M1 configs', () => {
  it('are read as node whatever their neighbours (the M1 service loads them with dotenv), unless told', () => {
    const text = 'M1_REGION=eu-west-1\nRELEASE_TAG=v1#rc\n';
    const auto = validate(text, { fileName: '.env', dialect: 'compose' });
    expect(auto.dialect).toBe('node');
    expect(auto.findings.map((f) => f.rule)).toContain('unquoted-hash');
    const told = validate(text, { fileName: '.env', dialect: 'compose', dialectExplicit: true });
    expect(told.dialect).toBe('compose');
    expect(told.findings.map((f) => f.rule)).not.toContain('unquoted-hash');
  });
});

describe('Docker Compose forms', () => {
  const text = 'A="${DB:?set it}"\nB=${TOKEN?required}\nC=${PORT-8080}\nD="echo $$HOME"\nE=v1#rc\nF=\'$LITERAL\'\n';
  it('are valid there: no substitution-key, undefined-reference or unquoted-hash', () => {
    for (const rule of [substitutionKey, undefinedReference, unquotedHash]) expect(runRule(rule, text, { dialect: 'compose' })).toEqual([]);
  });
  it('are reported for dotenv-expand, saying what is true: it does not support :?', () => {
    const [f] = runRule(substitutionKey, 'A="${DB:?set it}"\n');
    expect(f?.message).toContain('a Docker Compose form that dotenv-expand does not support');
    expect(f?.message).not.toContain('does not start with a variable name');
    expect(runRule(undefinedReference, 'D="echo $$HOME"\n').map((x) => x.rule)).toEqual(['undefined-reference']);
    expect(runRule(unquotedHash, 'E=v1#rc\n').map((x) => x.rule)).toEqual(['unquoted-hash']);
  });
  it('still reports a reference to nothing without a default, naming Compose and its $$ escape', () => {
    const [f] = runRule(undefinedReference, 'A=${NOPE}/x\n', { dialect: 'compose' });
    expect(f?.message).toContain('Docker Compose substitutes an empty string');
    expect(f?.message).toContain('write $$ if the $ is literal');
    expect(f?.message).not.toContain('dotenv-expand');
    expect(applyEdits('A=${NOPE}/x\n', f?.fixes[1]?.edits ?? [])).toBe('A=$${NOPE}/x\n');
    const [s] = runRule(substitutionKey, 'A=${NOPE\n', { dialect: 'compose' });
    expect(s?.message).toBe('The value of A has a `${` that is never closed. Write ${NAME} (or $$ for a literal dollar sign).');
  });
});

describe('PHP (Symfony Dotenv, phpdotenv)', () => {
  it('checks only ${NAME} references ($NAME is literal for phpdotenv)', () => {
    expect(runRule(undefinedReference, 'DB_PASSWORD=pa$$word\nURL="http://${HOST}/x"\n', { dialect: 'php' }).map((x) => x.key)).toEqual(['URL']);
  });
  it('takes single-quoted values literally, and :=', () => {
    const text = "APP_SECRET='$ecretf0rt3st-$ecretf0rt3st-$ecretf0rt3st'\nURI=${HOST:=localhost}\n";
    expect(runRule(undefinedReference, text, { dialect: 'php' })).toEqual([]);
    expect(runRule(substitutionKey, text, { dialect: 'php' })).toEqual([]);
    // The value the app reads is the literal one, so it is judged as such: 41 characters, strong enough.
    expect(validate(text, { fileName: '.env', dialect: 'php' }).findings.map((f) => f.rule)).toEqual([]);
    expect(validate(text, { fileName: '.env', dialect: 'node' }).findings.map((f) => f.rule)).toContain('undefined-reference');
  });
  it('keeps the dotenv-expand reading for node (parity is the default)', () => {
    const r = validate("B=1\nA='x$B'\n", { fileName: '.env' });
    expect(r.ctx.expanded['A']).toBe('x1');
    expect(validate("B=1\nA='x$B'\n", { fileName: '.env', dialect: 'php' }).ctx.expanded['A']).toBe('x$B');
    expect(validate('B=1\nA=x$$B\n', { fileName: '.env', dialect: 'compose' }).ctx.expanded['A']).toBe('x$B');
    expect(validate('B=1\nA="x$B-${B}"\n', { fileName: '.env', dialect: 'php' }).ctx.expanded['A']).toBe('x$B-1');
  });
});
