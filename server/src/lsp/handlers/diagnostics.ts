// Diagnostics: the scheduler's runs become published (push) or pulled (textDocument/diagnostic)
// diagnostics, always for the version they were computed for.
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver';
import type { Finding } from '../../../../shared/src/findings';
import { StatusNotification, ValidationRunNotification } from '../../../../shared/src/protocol';
import type { Settings } from '../../../../shared/src/settings';
import { countLevels, toDiagnostics } from '../services/diagnostics';
import { exampleTextFor, fileNameOf } from '../services/documents';
import { describeError } from '../services/errors';
import { ValidationScheduler, type Snapshot } from '../services/scheduler';
import type { ValidationInput } from '../services/validate-document';
import type { Validator } from '../services/validator';
import type { ServerContext, Validated } from './context';
import { detach, guardRequest } from './guard';

type Deps = Omit<ServerContext, 'scheduler'>;

export function createScheduler(deps: Deps, validator: Validator): ValidationScheduler<Validated> {
  const scheduler: ValidationScheduler<Validated> = new ValidationScheduler<Validated>({
    snapshot: (uri) => {
      const d = deps.documents.get(uri);
      return d && { uri, version: d.version, text: d.getText() };
    },
    run: async (s) => ({ version: s.version, output: await validator.validate(validationInput(deps, s, await deps.settings.get(s.uri))) }),
    delivered: (s, v, runs) => {
      deps.connectivity.valuesChanged(s.uri, v.output.targets);
      afterRun({ ...deps, scheduler }, s.uri, v, runs);
    },
    failed: (s, e) => deps.log.error(`validation of ${s.uri} (version ${s.version}) failed: ${describeError(e)}`),
  });
  return scheduler;
}

export function validationInput(deps: Pick<Deps, 'documents'>, s: Snapshot, settings: Settings): ValidationInput {
  const { profile, rules } = settings.validation;
  const input: ValidationInput = { text: s.text, fileName: fileNameOf(s.uri), ruleLevels: rules };
  if (profile !== 'auto') input.profile = profile;
  const example = exampleTextFor(s.uri, (u) => deps.documents.get(u)?.getText());
  if (example !== undefined) input.exampleText = example;
  return input;
}

/** Validation and connectivity findings for the latest validated version. */
export function currentFindings(ctx: ServerContext, uri: string, v: Validated): Finding[] {
  return [...v.output.findings, ...ctx.connectivity.findingsFor(uri, v.output.targets)];
}

/**
 * Documents re-validated because the settings changed, per server (keyed by its scheduler). A
 * pulling client pulls on its own after an edit, but not after a settings change: it is asked to
 * pull again once each such run is delivered (before, VS Code kept showing a rule turned off).
 */
const awaitingRefresh = new WeakMap<object, Set<string>>();

/** The settings changed: re-validate every open document, and have a pulling client pull again. */
export function revalidateAll(ctx: ServerContext): void {
  const uris = ctx.scheduler.openDocuments();
  if (ctx.client.pullDiagnostics) awaitingRefresh.set(ctx.scheduler, new Set(uris));
  for (const uri of uris) ctx.scheduler.changed(uri);
}

function afterRun(ctx: ServerContext, uri: string, v: Validated, runs: number): void {
  const findings = currentFindings(ctx, uri, v);
  if (!ctx.client.pullDiagnostics || awaitingRefresh.get(ctx.scheduler)?.delete(uri)) publish(ctx, uri);
  if (ctx.client.reportValidationRuns) {
    const params = { uri, version: v.version, runs, findings: findings.length };
    detach(ctx.log, 'm1ops/validationRun', ctx.connection.sendNotification(ValidationRunNotification.method, params));
  }
  if (ctx.client.statusNotifications) {
    const { profile, profileSource } = v.output;
    const params = { uri, profile, profileSource, counts: countLevels(findings) };
    detach(ctx.log, 'm1ops/status', ctx.connection.sendNotification(StatusNotification.method, params));
  }
}

/** Push mode: send the latest diagnostics; pull mode: ask the client to pull again. */
export function publish(ctx: ServerContext, uri: string): void {
  if (ctx.client.pullDiagnostics) {
    if (ctx.client.diagnosticRefresh) detach(ctx.log, 'diagnostic refresh', ctx.connection.languages.diagnostics.refresh());
    return;
  }
  const v = ctx.scheduler.latest(uri)?.result;
  if (!v) return;
  const diagnostics = toDiagnostics(currentFindings(ctx, uri, v), v.version);
  detach(ctx.log, 'publishDiagnostics', ctx.connection.sendDiagnostics({ uri, version: v.version, diagnostics }));
}

const EMPTY: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

export function registerPullDiagnostics(ctx: ServerContext): void {
  ctx.connection.languages.diagnostics.on(
    guardRequest(ctx.log, 'textDocument/diagnostic', EMPTY, async (params): Promise<DocumentDiagnosticReport> => {
      const uri = params.textDocument.uri;
      const doc = ctx.documents.get(uri);
      if (!doc) return EMPTY;
      const v = await ctx.scheduler.whenValidated(uri, doc.version);
      if (!v) return EMPTY;
      return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(currentFindings(ctx, uri, v), v.version) };
    }),
  );
}
