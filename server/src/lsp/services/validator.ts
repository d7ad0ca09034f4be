// Runs validations off the main thread. The language server stays responsive (hover, completion)
// while a large document validates, a run is genuinely "in flight" so that changes coalesce, and a
// run that never ends (a pathological document) costs a worker restart, not the server.
import { Worker, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { ProfileSchema } from '../../../../shared/src/profiles';
import { LevelSchema } from '../../../../shared/src/findings';
import { RuleIdSchema } from '../../../../shared/src/rule-ids';
import { DIALECTS } from '../../parser/dialect';
import { describeError } from './errors';
import { validateDocument, ValidationOutputSchema, type ValidationInput, type ValidationOutput } from './validate-document';

export const VALIDATOR_ROLE = 'm1ops-validator';

export interface Validator {
  validate(input: ValidationInput): Promise<ValidationOutput>;
  dispose(): Promise<void>;
}

/** Same thread: the fallback when no worker can be started. */
export class InlineValidator implements Validator {
  validate(input: ValidationInput): Promise<ValidationOutput> {
    return new Promise((resolve) => resolve(validateDocument(input)));
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

const InputSchema = z.object({
  text: z.string(),
  fileName: z.string(),
  profile: ProfileSchema.optional(),
  ruleLevels: z.partialRecord(RuleIdSchema, z.union([LevelSchema, z.literal('off')])).optional(),
  exampleText: z.string().optional(),
  schema: z.enum(['m1', 'generic']).optional(),
  declaredM1: z.boolean().optional(),
  dialect: z.enum(DIALECTS).optional(),
  dialectReason: z.string().optional(),
  dialectExplicit: z.boolean().optional(),
});
const RequestSchema = z.object({ id: z.number(), input: InputSchema });
const ReplySchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), output: ValidationOutputSchema }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
type Reply = z.infer<typeof ReplySchema>;

/** The worker side: answers each request in order. */
export function serveValidations(port: MessagePort): void {
  port.on('message', (raw: unknown) => {
    const req = RequestSchema.safeParse(raw);
    if (!req.success) return;
    const { id, input } = req.data;
    let reply: Reply;
    try {
      reply = { id, ok: true, output: validateDocument(input) };
    } catch (e) {
      reply = { id, ok: false, error: describeError(e) };
    }
    port.postMessage(reply);
  });
}

interface Pending {
  resolve(o: ValidationOutput): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/** The main-thread side: one worker, started lazily and replaced when it dies or hangs. */
export class WorkerValidator implements Validator {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly inline = new InlineValidator();

  /** `script` is the bundle that calls serveValidations() when started with VALIDATOR_ROLE. */
  constructor(
    private readonly script: string | URL,
    private readonly timeoutMs = 60_000,
  ) {}

  validate(input: ValidationInput): Promise<ValidationOutput> {
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch {
      // No worker threads here (a restricted host): validate on this thread rather than not at all.
      return this.inline.validate(input);
    }
    const id = this.nextId++;
    return new Promise<ValidationOutput>((resolve, reject) => {
      // Not a debounce: a safety net against a run that never ends (e.g. catastrophic backtracking).
      const timer = setTimeout(() => this.restart(new Error(`validation took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, input });
    });
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new Error('validator stopped'));
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { role: VALIDATOR_ROLE }, stdout: true, stderr: true });
    w.on('message', (raw: unknown) => this.onReply(raw));
    w.on('error', (e) => this.restart(e));
    w.on('exit', () => {
      if (this.worker === w) this.restart(new Error('validator worker exited'));
    });
    // The worker must never write to our stdout: with --stdio it is the LSP channel.
    w.stdout.resume();
    w.stderr.resume();
    w.unref();
    this.worker = w;
    return w;
  }

  private onReply(raw: unknown): void {
    const id = z.object({ id: z.number() }).safeParse(raw);
    const p = id.success ? this.pending.get(id.data.id) : undefined;
    if (!id.success || !p) return;
    this.pending.delete(id.data.id);
    clearTimeout(p.timer);
    const r = ReplySchema.safeParse(raw);
    if (!r.success) p.reject(new Error('the validator answered something malformed'));
    else if (r.data.ok) p.resolve(r.data.output);
    else p.reject(new Error(r.data.error));
  }

  private restart(cause: Error): void {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(cause);
    if (w) void w.terminate().catch(() => undefined);
  }

  private failAll(cause: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(cause);
    }
    this.pending.clear();
  }
}
