// Interpolation rules. Owned by the parser work.
import type { Rule } from '../../engine/types';
import { circularReference } from './circular-reference';
import { undefinedReference } from './undefined-reference';

export const INTERPOLATION_RULES: Rule[] = [undefinedReference, circularReference];
