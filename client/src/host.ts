// What the commands need from VS Code, as a small interface: the commands stay testable without
// VS Code, and vscode-host.ts is the only implementation that imports `vscode`.

export interface EditorHandle {
  uri: string;
  languageId: string;
  /** Replaces every selection (inserts at every cursor); false when the editor refused the edit. */
  insertAtSelections(text: string): Promise<boolean>;
}

export interface CommandHost {
  activeEditor(): EditorHandle | undefined;
  /** Sends a request to the language server; resolves with its raw answer. */
  request(method: string, params: unknown): Promise<unknown>;
  info(message: string): void;
  warn(message: string): void;
  copyToClipboard(text: string): Promise<void>;
  showOutput(): void;
  restartServer(): Promise<void>;
}
