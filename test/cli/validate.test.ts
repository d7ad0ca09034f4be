// `m1-ops validate` as a process, on the fixture files: output formats, exit codes, directories,
// --fix, progress and colours.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LEVELS } from '../../shared/src/findings';
import { RULE_IDS } from '../../shared/src/rule-ids';
import { buildCli, m1ops, onTerminal, STACK_LINE, type Built } from './binary';
import { SarifLog } from './sarif-schema';

const JsonReport = z.strictObject({
  files: z.array(
    z.strictObject({
      path: z.string(),
      profile: z.enum(['development', 'test', 'staging', 'production']),
      schema: z.enum(['m1', 'generic']),
      schemaReason: z.string().min(1),
      dialect: z.enum(['node', 'compose', 'php']),
      dialectReason: z.string().min(1),
      findings: z.array(
        z.strictObject({
          rule: z.enum(RULE_IDS),
          level: z.enum(LEVELS),
          message: z.string().min(1),
          line: z.int().min(1),
          column: z.int().min(1),
          endLine: z.int().min(1),
          endColumn: z.int().min(1),
          key: z.string().optional(),
        }),
      ),
    }),
  ),
  summary: z.strictObject({ critical: z.int(), error: z.int(), warning: z.int(), info: z.int() }),
});
type JsonReport = z.infer<typeof JsonReport>;

let built: Built;
let work: string;
beforeAll(async () => {
  built = await buildCli();
  work = mkdtempSync(join(tmpdir(), 'm1-cli-validate-'));
  cpSync(join(__dirname, '..', 'fixtures', 'cli'), work, { recursive: true });
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(built.root, { recursive: true, force: true });
});

async function json(args: string[], cwd = work): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const r = await m1ops(built, ['validate', '--format', 'json', ...args], { cwd });
  let report: JsonReport;
  try {
    report = JsonReport.parse(JSON.parse(r.stdout));
  } catch (e) {
    throw new Error(`not a JSON report (exit ${r.code}): ${r.stdout}\n${r.stderr}\n${String(e)}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

const rulesOf = (r: JsonReport): string[] => r.files.flatMap((f) => f.findings.map((x) => `${x.level} ${x.rule}`));

describe('JSON', () => {
  it('reports the production fixture with 1-based positions, keys and a summary that adds up', async () => {
    const { code, report } = await json(['production/.env.production']);
    expect(code).toBe(1);
    expect(report.files).toHaveLength(1);
    const file = report.files[0]!;
    expect(file).toMatchObject({ path: 'production/.env.production', profile: 'production' });
    const none = file.findings.find((f) => f.rule === 'algorithm-none');
    // JWT_ALGORITHM=none is on line 4; the value starts at column 15.
    expect(none).toMatchObject({ level: 'critical', key: 'JWT_ALGORITHM', line: 4, column: 15, endLine: 4, endColumn: 19 });
    expect(file.findings.find((f) => f.rule === 'insecure-url')).toMatchObject({ level: 'error', key: 'M1_API_BASE_URL', line: 3 });
    expect(file.findings.find((f) => f.rule === 'debug-in-production')).toMatchObject({ level: 'error', key: 'DEBUG', line: 5 });
    expect(file.findings.find((f) => f.rule === 'fail-open')).toMatchObject({ level: 'critical', line: 6 });
    for (const level of LEVELS) expect(report.summary[level]).toBe(file.findings.filter((f) => f.level === level).length);
    // Secrets never appear in messages.
    expect(JSON.stringify(report)).not.toMatch(/Qm9sZC1yaXZlci0xNzQy|c2lsdmVyLWZveC05OTE|4b227777d4dd1fc6/);
  });

  it('finds nothing in the clean fixture', async () => {
    const { code, report } = await json(['clean/.env', '--fail-on', 'info']);
    expect(rulesOf(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('honours --profile over the file name', async () => {
    const { report } = await json(['clean/.env', '--profile', 'staging']);
    expect(report.files[0]?.profile).toBe('staging');
  });

  it('pairs a file with its example sibling (missing-key) and lint-checks the example only', async () => {
    const { report } = await json(['with-example']);
    expect(report.files.map((f) => f.path)).toEqual(['with-example/.env', 'with-example/.env.example']);
    expect(report.files[0]?.findings.find((f) => f.rule === 'missing-key')?.message).toContain('REDIS_URL');
    expect(report.files[1]?.findings.map((f) => f.rule)).not.toContain('missing-required');
  });
});

describe('text', () => {
  it('prints path:line:col  level  rule  message and a summary, without colour in a pipe', async () => {
    const r = await m1ops(built, ['validate', 'production/.env.production'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^production\/\.env\.production:4:15 +critical +algorithm-none +\S.*$/m);
    expect(r.stdout).toMatch(/^production\/\.env\.production \(profile: production; M1 config: sets M1_API_BASE_URL\)$/m);
    expect(r.stdout).toMatch(/^\d+ problems \(\d+ critical, \d+ errors?, \d+ warnings?, \d+ info\) in 1 of 1 file\.$/m);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stderr).toBe('');
  });

  it('colours with FORCE_COLOR=1 even in a pipe', async () => {
    const r = await m1ops(built, ['validate', 'production/.env.production'], { cwd: work, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\x1b[1;35mcritical');
  });

  it('colours on a terminal, unless NO_COLOR is set', async () => {
    const tty = await onTerminal(built, ['validate', 'production/.env.production'], { cwd: work });
    expect(tty.stdout).toContain('\x1b[1;35mcritical');
    const noColor = await onTerminal(built, ['validate', 'production/.env.production'], { cwd: work, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toContain('algorithm-none');
    expect(noColor.stdout).not.toContain('\x1b[');
  });
});

describe('SARIF', () => {
  it('is a SARIF 2.1.0 log with rules, mapped levels and relative forward-slash URIs', async () => {
    const r = await m1ops(built, ['validate', '--format', 'sarif', 'production', 'clean'], { cwd: work });
    expect(r.code).toBe(1);
    const log = SarifLog.parse(JSON.parse(r.stdout));
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('m1-ops');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const none = run.results.find((x) => x.ruleId === 'algorithm-none')!;
    expect(none).toMatchObject({ level: 'error', properties: { level: 'critical' } });
    expect(none.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'production/.env.production', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 15, endLine: 4, endColumn: 19 },
    });
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex]?.id).toBe(x.ruleId);
    expect(new Set(run.tool.driver.rules.map((x) => x.id))).toEqual(new Set(run.results.map((x) => x.ruleId)));
  });
});

describe('exit codes', () => {
  it.each([
    ['production/.env.production', 'critical', 1],
    ['warning-only/.env', undefined, 0],
    ['warning-only/.env', 'critical', 0],
    ['warning-only/.env', 'warning', 1],
    ['warning-only/.env', 'info', 1],
    ['info-only/.env', 'warning', 0],
    ['info-only/.env', 'info', 1],
    ['clean/.env', 'info', 0],
  ])('%s with --fail-on %s → %i', async (file, failOn, expected) => {
    const r = await m1ops(built, ['validate', file, ...(failOn ? ['--fail-on', failOn] : [])], { cwd: work });
    expect(`${r.code}\n${r.stdout}`).toBe(`${expected}\n${r.stdout}`);
  });

  it('fixtures hold the levels their names promise', async () => {
    expect(rulesOf((await json(['warning-only/.env'])).report).every((x) => x.startsWith('warning '))).toBe(true);
    expect(rulesOf((await json(['info-only/.env'])).report)).toEqual(['info unknown-key']);
  });

  it('exits 2 on a usage error, with one line and no stack', async () => {
    const r = await m1ops(built, ['validate', '--fail-on', 'fatal'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('m1-ops: --fail-on must be one of critical, error, warning, info (got "fatal") (see m1-ops --help)\n');
  });

  it('exits 2 when a path is missing, still reporting the others', async () => {
    const { code, report, stderr } = await json(['missing.env', 'clean/.env']);
    expect(code).toBe(2);
    expect(stderr).toBe('m1-ops: missing.env: no such file or directory\n');
    expect(report.files.map((f) => f.path)).toEqual(['clean/.env']);
  });
});

describe('directories', () => {
  it('checks every env file under a directory, skipping node_modules and .git', async () => {
    const dir = mkdtempSync(join(work, 'tree-'));
    for (const f of ['.env', '.env.local', 'svc/app.env', 'svc/.env.example', 'node_modules/dep/.env', '.git/.env', 'README.md']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'NODE_ENV=development\n');
    }
    const { report } = await json([dir]);
    expect(report.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['.env', '.env.local', 'svc/.env.example', 'svc/app.env']);
  });

  it('says so when a directory holds no env file', async () => {
    const dir = mkdtempSync(join(work, 'empty-'));
    const r = await m1ops(built, ['validate', dir], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`m1-ops: no env files (.env, .env.*, *.env) found in ${dir}\n`);
  });

  it('shows progress on a terminal for more than 20 files, and nothing in a pipe', async () => {
    const dir = mkdtempSync(join(work, 'many-'));
    for (let i = 0; i < 25; i++) writeFileSync(join(dir, `s${String(i).padStart(2, '0')}.env`), 'NODE_ENV=development\n');
    const tty = await onTerminal(built, ['validate', dir, '--format', 'json'], { cwd: work });
    expect(tty.stdout).toMatch(/m1-ops: checking \d+\/25 /);
    const piped = await m1ops(built, ['validate', dir, '--format', 'json'], { cwd: work });
    expect(piped.stderr).toBe('');
  });
});

describe('--fix', () => {
  it('rewrites a copy in place, keeps its mode, reports what was fixed and what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm1-cli-fix-'));
    const file = join(dir, '.env');
    cpSync(join(work, 'fixable', '.env'), file);
    chmodSync(file, 0o640);
    const before = readFileSync(file, 'utf8');
    const r = await m1ops(built, ['validate', '--fix', '.env'], { cwd: dir });
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(before);
    expect(after).not.toMatch(/[ \t]$/m); // trailing whitespace gone
    expect(after).toContain('PORT=3000\n'); // needless quotes gone
    expect(after).not.toContain('\n\n\n'); // extra blank line gone
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(r.stdout).toMatch(/^fixed \d+ problems: .*trailing-whitespace/m);
    expect(r.stdout).toMatch(/^Fixed \d+ problems in 1 file\.$/m);
    expect(r.code).toBe(0);

    // Nothing left to fix: the file is not rewritten (same inode: no rename happened).
    const inode = statSync(file).ino;
    const again = await m1ops(built, ['validate', '--fix', '--format', 'json', '.env'], { cwd: dir });
    expect(JsonReport.parse(JSON.parse(again.stdout)).files[0]?.findings.filter((f) => f.rule === 'trailing-whitespace')).toEqual([]);
    expect(statSync(file).ino).toBe(inode);
    expect(readFileSync(file, 'utf8')).toBe(after);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps CRLF line ends and the BOM when it rewrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm1-cli-fix-'));
    const file = join(dir, '.env');
    writeFileSync(file, '\uFEFFNODE_ENV=development \r\nPORT=3000\r\n');
    await m1ops(built, ['validate', '--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe('\uFEFFNODE_ENV=development\r\nPORT=3000\r\n');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('robustness', () => {
  it('never prints a stack trace', async () => {
    const r = await m1ops(built, ['validate', 'production', 'missing'], { cwd: work });
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
