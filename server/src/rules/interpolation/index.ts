// Interpolation rules. Owned by the parser work.
import type { Rule } from '../../engine/types';

export const INTERPOLATION_RULES: Rule[] = [];
