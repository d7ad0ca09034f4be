// Syntax and style rules (dotenv-linter's checks and beyond). Owned by the parser work.
import type { Rule } from '../../engine/types';

export const SYNTAX_RULES: Rule[] = [];
