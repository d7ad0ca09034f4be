// The realistic corpus (test/fixtures/corpus: a hand-written core and generated variants of 15
// frameworks' files, see its README.md). For every file, as `m1-ops validate` checks it (file name,
// neighbours, example sibling): exactly the expected rule ids; no catalog finding unless the file is
// an M1 config; the schema and dialect the manifest says; "did you mean" only where listed. Then
// `m1-ops validate --fix` on a copy of the whole corpus: no value changes and no key appears or
// disappears for the real dotenv.parse, and no file that is not an M1 config fails CI unless one of
// its expected findings is an error.
import { parse } from 'dotenv';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LEVEL_RANK, type Finding } from '../../shared/src/findings';
import { RULE_IDS, type RuleId } from '../../shared/src/rule-ids';
import { checkFile } from '../../server/src/cli/validate/check-file';
import { fixAll } from '../../server/src/engine/apply-fixes';
import { CATALOG_RULES } from '../../server/src/rules';
import { buildCli, m1ops, type Built } from '../cli/binary';

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus', 'projects');
const Manifest = z.array(
  z.strictObject({
    path: z.string(),
    m1: z.boolean(),
    dialect: z.enum(['node', 'compose', 'php']),
    expect: z.array(z.enum(RULE_IDS)),
    forbid: z.array(z.enum(RULE_IDS)).optional(),
    didYouMean: z.array(z.string()).optional(),
    about: z.string(),
  }),
);
const manifest = Manifest.parse(JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'manifest.json'), 'utf8')));

/** Rules that judge names by the M1 catalog, plus the production rules that read M1's meaning of a name. */
const CATALOG_IDS = new Set<RuleId>([
  ...CATALOG_RULES.map((r) => r.id),
  'reused-secret', 'insecure-url', 'debug-in-production', 'cors-wildcard', 'default-credentials', 'fail-open', 'perf-threshold', 'unreachable',
]);

const ids = (fs: readonly Finding[]): RuleId[] => [...new Set(fs.map((f) => f.rule))].sort();

/** dotenv's reading of a file as the CLI reads it (a BOM is not part of the first key). */
const reading = (path: string): Record<string, string> => parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));

describe('the realistic corpus', () => {
  it('has at least 150 files, most of them not M1 configs, across every dialect', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(150);
    expect(manifest.filter((f) => !f.m1).length).toBeGreaterThan(140);
    expect(new Set(manifest.map((f) => f.dialect))).toEqual(new Set(['node', 'compose', 'php']));
  });

  describe.each(manifest.map((f) => [f.path, f] as const))('%s', (path, f) => {
    it(`gives exactly ${f.expect.join(', ') || 'no finding'} (${f.about})`, async () => {
      const warnings: string[] = [];
      const r = await checkFile(join(CORPUS, path), { connectivity: false, fix: false, exampleCache: new Map(), warn: (m) => warnings.push(m) });
      expect({ schema: r.schema, dialect: r.dialect }).toEqual({ schema: f.m1 ? 'm1' : 'generic', dialect: f.dialect });
      expect(ids(r.findings)).toEqual(f.expect);
      if (!f.m1) expect(r.findings.filter((x) => CATALOG_IDS.has(x.rule))).toEqual([]);
      for (const id of f.forbid ?? []) expect(ids(r.findings)).not.toContain(id);
      const suggested = r.findings.filter((x) => x.message.includes('did you mean')).map((x) => x.key);
      expect(suggested).toEqual(f.didYouMean ?? []);
      expect(warnings).toEqual([]);
    });
  });
});

describe('fixAll on every corpus file, in every schema and dialect', () => {
  it('keeps dotenv.parse identical, and no rule needs a safe fix refused', () => {
    let applied = 0;
    for (const f of manifest) {
      const text = readFileSync(join(CORPUS, f.path), 'utf8').replace(/^\uFEFF/, '');
      for (const schema of ['m1', 'generic'] as const) {
        for (const dialect of ['node', 'compose', 'php'] as const) {
          const r = fixAll(text, { fileName: join(CORPUS, f.path), schema, dialect, dialectExplicit: true });
          expect([f.path, schema, dialect, parse(r.text)]).toEqual([f.path, schema, dialect, parse(text)]);
          expect([f.path, r.refused]).toEqual([f.path, []]);
          applied += r.applied.length;
        }
      }
    }
    expect(applied).toBeGreaterThan(0);
  });
});

describe('m1-ops validate --fix on the whole corpus', () => {
  let built: Built;
  let work: string;
  beforeAll(async () => {
    built = await buildCli();
    work = mkdtempSync(join(tmpdir(), 'm1-corpus-'));
    cpSync(CORPUS, work, { recursive: true });
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(built.root, { recursive: true, force: true });
  });

  it('changes no value and adds or removes no key (real dotenv.parse), and fails CI only where an error is expected', async () => {
    const before = new Map(manifest.map((f) => [f.path, reading(join(CORPUS, f.path))]));
    const r = await m1ops(built, ['validate', '--fix', '--format', 'json', '.'], { cwd: work });
    expect(r.code === 0 || r.code === 1).toBe(true);
    const report = z
      .object({ files: z.array(z.object({ path: z.string(), schema: z.string(), findings: z.array(z.object({ rule: z.enum(RULE_IDS), level: z.enum(['critical', 'error', 'warning', 'info']) })) })) })
      .parse(JSON.parse(r.stdout));
    expect(report.files.map((x) => x.path).sort()).toEqual(manifest.map((f) => f.path).sort());
    let changedFiles = 0;
    for (const f of manifest) {
      const after = reading(join(work, f.path));
      expect([f.path, after]).toEqual([f.path, before.get(f.path)]);
      if (readFileSync(join(work, f.path), 'utf8') !== readFileSync(join(CORPUS, f.path), 'utf8')) changedFiles++;
    }
    expect(changedFiles).toBeGreaterThan(0); // the fixes did run (trailing blanks, …)
    // Blocking (error or worse) findings in files that are not M1 configs: only the expected ones.
    for (const file of report.files) {
      const f = manifest.find((m) => m.path === file.path);
      if (!f || f.m1) continue;
      const blocking = file.findings.filter((x) => LEVEL_RANK[x.level] >= LEVEL_RANK.error).map((x) => x.rule);
      for (const rule of blocking) expect([f.path, f.expect]).toEqual([f.path, expect.arrayContaining([rule])]);
    }
  });
});
