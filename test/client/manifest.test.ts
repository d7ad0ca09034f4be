// package.json is the extension's manifest: it must agree with the command table, the settings
// schema, the grammar and the files it names.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS, CATEGORY } from '../../client/src/commands';
import { RULE_IDS } from '../../shared/src/rule-ids';
import { CONNECTIVITY_MODES, DEFAULT_SETTINGS, DIALECT_CHOICES, SCHEMA_CHOICES, TRACE_LEVELS } from '../../shared/src/settings';
import { PROFILES } from '../../shared/src/profiles';
import { LEVELS } from '../../shared/src/findings';

const root = join(__dirname, '..', '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

const Property = z.object({ type: z.string(), default: z.unknown(), enum: z.array(z.string()).optional() }).passthrough();
const Manifest = z.object({
  main: z.string(),
  icon: z.string(),
  activationEvents: z.array(z.string()),
  contributes: z.object({
    languages: z.array(z.object({ id: z.string(), extensions: z.array(z.string()), filenames: z.array(z.string()), filenamePatterns: z.array(z.string()), configuration: z.string() })),
    grammars: z.array(z.object({ language: z.string(), scopeName: z.string(), path: z.string() })),
    commands: z.array(z.object({ command: z.string(), title: z.string(), category: z.string() })),
    configuration: z.object({ properties: z.record(z.string(), Property) }),
  }),
});
const manifest = Manifest.parse(JSON.parse(read('package.json')));
const props = manifest.contributes.configuration.properties;

describe('commands', () => {
  it('contributes exactly the available commands of the table, with its titles, in category M1', () => {
    const available = COMMANDS.filter((c) => !c.planned).map((c) => ({ command: c.id, title: c.title, category: CATEGORY }));
    expect(manifest.contributes.commands).toEqual(available);
  });

  it('activates on dotenv documents and to restore the analytics panel (commands activate implicitly since VS Code 1.74)', () => {
    // Without onWebviewPanel, a panel left open is restored after a window reload only if something
    // else activated the extension first. (The view type is ANALYTICS_VIEW_TYPE in client/src/analytics/panel.ts.)
    expect(manifest.activationEvents).toEqual(['onLanguage:dotenv', 'onWebviewPanel:m1ops.analytics']);
    expect(manifest.main).toBe('./dist/client.js');
  });
});

describe('settings', () => {
  it('mirrors the shared zod schema: same keys, defaults and allowed values', () => {
    expect(Object.keys(props).sort()).toEqual([
      'm1ops.service.url',
      'm1ops.trace.server',
      'm1ops.validation.connectivity',
      'm1ops.validation.dialect',
      'm1ops.validation.m1Files',
      'm1ops.validation.profile',
      'm1ops.validation.rules',
      'm1ops.validation.schema',
    ]);
    expect(props['m1ops.validation.schema']).toMatchObject({ default: DEFAULT_SETTINGS.validation.schema, enum: [...SCHEMA_CHOICES] });
    expect(props['m1ops.validation.dialect']).toMatchObject({ default: DEFAULT_SETTINGS.validation.dialect, enum: [...DIALECT_CHOICES] });
    expect(props['m1ops.validation.m1Files']).toMatchObject({ type: 'array', default: [] });
    expect(props['m1ops.service.url']?.default).toBe(DEFAULT_SETTINGS.service.url);
    expect(props['m1ops.validation.profile']).toMatchObject({ default: 'auto', enum: ['auto', ...PROFILES] });
    expect(props['m1ops.validation.connectivity']).toMatchObject({ default: DEFAULT_SETTINGS.validation.connectivity, enum: [...CONNECTIVITY_MODES] });
    expect(props['m1ops.trace.server']).toMatchObject({ default: DEFAULT_SETTINGS.trace.server, enum: [...TRACE_LEVELS] });
    expect(props['m1ops.validation.rules']).toMatchObject({
      default: {},
      propertyNames: { enum: [...RULE_IDS] },
      additionalProperties: { enum: [...LEVELS, 'off'] },
    });
  });
});

describe('language', () => {
  it('is `dotenv` for .env, .env.*, *.env and the example-file spellings, with # comments', () => {
    const lang = manifest.contributes.languages[0];
    expect(lang).toMatchObject({
      id: 'dotenv',
      filenames: ['.env', 'env.example', 'env.sample', 'env.template', 'env.dist', '.env_sample', '.env_example'],
      filenamePatterns: ['.env.*', '*.env', '.env_*'],
    });
    const conf = JSON.parse(read(lang?.configuration ?? '')) as { comments: { lineComment: string } };
    expect(conf.comments.lineComment).toBe('#');
  });

  it('has a grammar whose rules compile and match the dotenv constructs', () => {
    const g = manifest.contributes.grammars[0];
    expect(g).toMatchObject({ language: 'dotenv', scopeName: 'source.dotenv' });
    const grammar = JSON.parse(read(g?.path ?? '')) as { scopeName: string; repository: Record<string, unknown> };
    expect(grammar.scopeName).toBe('source.dotenv');
    const regex = (name: string, field: 'match' | 'begin'): RegExp => new RegExp((grammar.repository[name] as Record<string, string>)[field] ?? '');
    expect(regex('entry', 'begin').exec('export API_KEY=1')?.slice(1)).toEqual(['export', 'API_KEY', '=']);
    expect(regex('entry', 'begin').exec('KEY: value')?.[3]).toBe(':');
    expect(regex('comment', 'match').test('  # note')).toBe(true);
    expect(regex('inline-comment', 'match').exec('abc #tail')?.[0]).toBe('#tail');
    expect(regex('inline-comment', 'match').exec('abc#123')?.[0]).toBe('#123'); // dotenv reads `abc`: see rule unquoted-hash
    const interp = (grammar.repository.interpolation as { patterns: Record<string, string>[] }).patterns;
    expect(new RegExp(interp[1]?.begin ?? '').exec('${DB_HOST:-localhost}')?.slice(1)).toEqual(['${', 'DB_HOST', ':-']);
    expect(new RegExp(interp[2]?.match ?? '').exec('$HOME/x')?.[2]).toBe('HOME');
    for (const q of ['double-quoted', 'single-quoted', 'backtick-quoted']) expect(grammar.repository[q]).toBeDefined();
  });
});

describe('files', () => {
  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(join(root, manifest.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('the extension never writes user settings', () => {
    const sources = readdirSync(join(root, 'client', 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of sources) {
      const text = read(join('client', 'src', f));
      expect(text, f).not.toMatch(/ConfigurationTarget|\.update\(/);
    }
  });
});
