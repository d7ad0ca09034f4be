// Diagnostics: the scheduler's runs become published (push) or pulled (textDocument/diagnostic)
// diagnostics, always for the version they were computed for.
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport, type PublishDiagnosticsParams } from 'vscode-languageserver';
import type { Finding } from '../../../../shared/src/findings';
import { StatusNotification, ValidationRunNotification } from '../../../../shared/src/protocol';
import type { Settings } from '../../../../shared/src/settings';
import { countLevels, toDiagnostics, type DiagnosticShape } from '../services/diagnostics';
import { exampleTextFor, fileNameOf } from '../services/documents';
import { describeError } from '../services/errors';
import { ValidationScheduler, type Snapshot } from '../services/scheduler';
import { detectDialect } from '../../engine/dialect';
import { matchesM1Files } from '../../engine/m1-files';
import type { ValidationInput } from '../services/validate-document';
import type { Validator } from '../services/validator';
import type { ClientFeatures, ServerContext, Validated } from './context';
import { detach, guardRequest } from './guard';

type Deps = Omit<ServerContext, 'scheduler'>;

export function createScheduler(deps: Deps, validator: Validator): ValidationScheduler<Validated> {
  const scheduler: ValidationScheduler<Validated> = new ValidationScheduler<Validated>({
    snapshot: (uri) => {
      const d = deps.documents.get(uri);
      return d && { uri, version: d.version, text: d.getText() };
    },
    run: async (s) => ({ version: s.version, output: await validator.validate(validationInput(deps, s, await deps.settings.get(s.uri))) }),
    delivered: (s, v, runs, previous) => {
      deps.connectivity.valuesChanged(s.uri, v.output.targets);
      // A version that ran again changed for another reason than an edit (settings, the example
      // sibling): a pulling client does not know, so it is asked to pull again.
      afterRun({ ...deps, scheduler }, s.uri, v, runs, previous === s.version);
    },
    failed: (s, e) => deps.log.error(`validation of ${s.uri} (version ${s.version}) failed: ${describeError(e)}`),
  });
  return scheduler;
}

export function validationInput(deps: Pick<Deps, 'documents'>, s: Snapshot, settings: Settings): ValidationInput {
  const { profile, rules, schema, m1Files, dialect } = settings.validation;
  const fileName = fileNameOf(s.uri);
  const input: ValidationInput = { text: s.text, fileName, ruleLevels: rules };
  if (profile !== 'auto') input.profile = profile;
  if (schema !== 'auto') input.schema = schema;
  if (matchesM1Files(fileName, m1Files)) input.declaredM1 = true;
  // Only a file on disk has neighbours to look at.
  const d = s.uri.startsWith('file:') || dialect !== 'auto' ? detectDialect(fileName, dialect === 'auto' ? undefined : dialect) : undefined;
  if (d) {
    input.dialect = d.dialect;
    input.dialectReason = d.reason;
    if (d.source === 'explicit') input.dialectExplicit = true;
  }
  const example = exampleTextFor(s.uri, (u) => deps.documents.get(u)?.getText());
  if (example !== undefined) input.exampleText = example;
  return input;
}

/** Validation and connectivity findings for the latest validated version. */
export function currentFindings(ctx: ServerContext, uri: string, v: Validated): Finding[] {
  return [...v.output.findings, ...ctx.connectivity.findingsFor(uri, v.output.targets)];
}

function afterRun(ctx: ServerContext, uri: string, v: Validated, runs: number, again: boolean): void {
  const findings = currentFindings(ctx, uri, v);
  if (!ctx.client.pullDiagnostics || again) publish(ctx, uri);
  if (ctx.client.reportValidationRuns) {
    const params = { uri, version: v.version, runs, findings: findings.length };
    detach(ctx.log, 'm1ops/validationRun', ctx.connection.sendNotification(ValidationRunNotification.method, params));
  }
  if (ctx.client.statusNotifications) {
    const { profile, profileSource, schema, schemaReason, dialect, dialectReason } = v.output;
    const params = { uri, profile, profileSource, schema, schemaReason, dialect, dialectReason, counts: countLevels(findings) };
    detach(ctx.log, 'm1ops/status', ctx.connection.sendNotification(StatusNotification.method, params));
  }
}

/**
 * Push mode: send the latest diagnostics; pull mode: ask the client to pull again (pull mode is only
 * chosen for clients that accept workspace/diagnostic/refresh, see ClientFeatures.pullDiagnostics).
 */
export function publish(ctx: ServerContext, uri: string): void {
  if (ctx.client.pullDiagnostics) {
    requestRefresh(ctx);
    return;
  }
  const v = ctx.scheduler.latest(uri)?.result;
  if (!v) return;
  const diagnostics = toDiagnostics(currentFindings(ctx, uri, v), v.version, diagnosticShape(ctx.client));
  const params: PublishDiagnosticsParams = { uri, diagnostics };
  if (ctx.client.diagnosticVersion) params.version = v.version;
  detach(ctx.log, 'publishDiagnostics', ctx.connection.sendDiagnostics(params));
}

// One refresh asks the client to pull every document again: the re-validations that one settings
// change starts (one per open document) share a refresh sent once this turn of the event loop ends.
const refreshPending = new WeakSet<ServerContext['connection']>();
function requestRefresh(ctx: ServerContext): void {
  if (refreshPending.has(ctx.connection)) return;
  refreshPending.add(ctx.connection);
  setImmediate(() => {
    refreshPending.delete(ctx.connection);
    detach(ctx.log, 'diagnostic refresh', ctx.connection.languages.diagnostics.refresh());
  });
}

export function diagnosticShape(client: ClientFeatures): DiagnosticShape {
  return { data: client.diagnosticData, codeDescription: client.codeDescription, unnecessaryTag: client.unnecessaryTag };
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
      return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(currentFindings(ctx, uri, v), v.version, diagnosticShape(ctx.client)) };
    }),
  );
}
