// Plain findings: what the validation engine returns and what the CLI, the language server and
// the service consume. No LSP or vscode types here; positions follow LSP conventions so that
// the language server maps them 1:1.
import { z } from 'zod';
import type { RuleId } from './rule-ids';

export const LEVELS = ['critical', 'error', 'warning', 'info'] as const;
export type Level = (typeof LEVELS)[number];
export const LevelSchema = z.enum(LEVELS);

/** Higher is more severe. */
export const LEVEL_RANK: Record<Level, number> = { info: 0, warning: 1, error: 2, critical: 3 };

/** 0-based line; character = UTF-16 code units from the line start (LSP default encoding). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Shown as the quick-fix title, e.g. "Generate a strong secret". */
  title: string;
  edits: TextEdit[];
  /** The one obvious remedy: LSP isPreferred. */
  preferred?: boolean;
  /** Safe fixes are applied by `m1-ops validate --fix` and "Fix all M1 issues in this file". */
  safe: boolean;
}

export interface Finding {
  rule: RuleId;
  level: Level;
  /** What is wrong and what to do about it. Never contains a secret's value. Critical ones start with "Critical:". */
  message: string;
  range: Range;
  /** The variable concerned, when there is one. */
  key?: string;
  fixes: Fix[];
  /** The line has no effect (overridden duplicate, dropped line): LSP DiagnosticTag.Unnecessary. */
  unnecessary?: boolean;
}
