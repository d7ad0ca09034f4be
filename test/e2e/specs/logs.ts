// At the end of the run, the extension's own log (the "M1 Ops" LogOutputChannel as VS Code wrote
// it) holds no error and none of the secrets the run handled.
import { FIXTURE_SECRETS } from '../fixtures';
import { check } from '../runner';
import { extensionLog, type E2eContext } from './context';

export async function logSteps(ctx: E2eContext): Promise<void> {
  await ctx.runner.step('no error notification from M1, and no secret in any notification', () => {
    const notices = ctx.wb.notices;
    check(notices.length > 0, 'no notification was recorded: the observer did not run');
    const errors = notices.filter((n) => n.severity === 'error' && /^M1/.test(n.message));
    check(errors.length === 0, `M1 error notifications: ${errors.map((n) => n.message).join(' | ')}`);
    const secrets = [ctx.service.adminToken, FIXTURE_SECRETS.devJwtSecret, FIXTURE_SECRETS.dbPassword, ...(ctx.secrets ?? [])];
    const leaking = notices.filter((n) => secrets.some((s) => n.message.includes(s)));
    check(leaking.length === 0, `notifications showing a secret: ${leaking.length}`);
    return Promise.resolve();
  });

  await ctx.runner.step("the extension's log holds no error and no secret", () => {
    const log = extensionLog(ctx);
    const errors = log.split('\n').filter((l) => /\[error\]/.test(l));
    check(errors.length === 0, `[error] lines in the log:\n${errors.join('\n')}`);
    const secrets = [ctx.service.adminToken, FIXTURE_SECRETS.devJwtSecret, FIXTURE_SECRETS.dbPassword, ...(ctx.secrets ?? [])].filter((s) => s.length >= 8);
    check(ctx.secrets !== undefined && ctx.secrets.length > 0, 'no generated secret was recorded: the steps that generate one did not run');
    const leaked = secrets.filter((s) => log.includes(s)).map((s) => `${s.slice(0, 4)}…`);
    check(leaked.length === 0, `secrets in the log: ${leaked.join(', ')}`);
    return Promise.resolve();
  });
}
