// A Prompter that answers from a script and records what was shown: the token flows run for real
// against the service, only the UI is scripted. Unexpected prompts fail the test.
import type { ConfirmOptions, InputOptions, PickItem, Prompter } from '../../client/src/tokens/prompter';

export type Answer =
  | { input: string | undefined }
  | { pick: (items: PickItem<unknown>[]) => unknown }
  | { confirm: boolean }
  | { save: string | undefined };

export class ScriptedPrompter implements Prompter {
  readonly shown: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  readonly asked: (InputOptions | ConfirmOptions | { title: string; items: PickItem<unknown>[] })[] = [];
  readonly saved: { name: string; content: string }[] = [];
  constructor(private readonly script: Answer[]) {}

  #next<K extends 'input' | 'pick' | 'confirm' | 'save'>(kind: K): Extract<Answer, Record<K, unknown>> {
    const a = this.script.shift();
    if (!a || !(kind in a)) throw new Error(`unexpected ${kind} prompt (next scripted answer: ${JSON.stringify(a)})`);
    return a as Extract<Answer, Record<K, unknown>>;
  }

  input(o: InputOptions): Promise<string | undefined> {
    this.asked.push(o);
    const v = this.#next('input').input;
    if (v !== undefined) {
      const problem = o.validate?.(v) ?? null;
      if (problem !== null) throw new Error(`the flow refused the scripted input: ${problem}`);
    }
    return Promise.resolve(v);
  }

  pick<T>(o: { title: string; items: PickItem<T>[] }): Promise<T | undefined> {
    this.asked.push(o);
    return Promise.resolve(this.#next('pick').pick(o.items as PickItem<unknown>[]) as T | undefined);
  }

  confirm(o: ConfirmOptions): Promise<boolean> {
    this.asked.push(o);
    return Promise.resolve(this.#next('confirm').confirm);
  }

  saveFile(name: string, content: string): Promise<string | undefined> {
    this.saved.push({ name, content });
    return Promise.resolve(this.#next('save').save);
  }

  info(message: string): void {
    this.shown.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.shown.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.shown.push({ level: 'error', message });
  }

  /** All answers were used. */
  get done(): boolean {
    return this.script.length === 0;
  }
}
