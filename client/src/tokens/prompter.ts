// What the token commands need from a UI: inputs, a pick list, a modal confirmation, messages, a
// save dialog. VS Code implements it in vscode-prompter.ts; tests script it. Every method resolves
// to undefined/false when the user cancels (Escape), and the flows then stop without a word.
export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputOptions {
  title: string;
  prompt: string;
  placeHolder?: string;
  value?: string;
  /** Hide what is typed (tokens). */
  password?: boolean;
  /** An error message for an unacceptable value, or null when it is fine. */
  validate?(value: string): string | null;
}

export interface ConfirmOptions {
  message: string;
  /** Shown under the message (modal dialogs show it as detail). */
  detail?: string;
  /** The label of the button that goes ahead, e.g. "Revoke". */
  action: string;
}

export interface Prompter {
  input(o: InputOptions): Promise<string | undefined>;
  pick<T>(o: { title: string; placeHolder?: string; items: PickItem<T>[] }): Promise<T | undefined>;
  confirm(o: ConfirmOptions): Promise<boolean>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Asks where to save and writes `content`; resolves to where it went, or undefined when cancelled. */
  saveFile(suggestedName: string, content: string): Promise<string | undefined>;
}
