// Every rule the engine runs: the catalog, security, performance, example-sync and suppression
// rules here, plus the syntax and interpolation rules of the parser work.
import type { Rule } from '../engine/types';
import { missingKey } from './example/missing-key';
import { undocumentedKey } from './example/undocumented-key';
import { INTERPOLATION_RULES } from './interpolation';
import { perfThreshold } from './performance/perf-threshold';
import { inconsistent } from './schema/inconsistent';
import { invalidValue } from './schema/invalid-value';
import { missingRequired } from './schema/missing-required';
import { outOfRange } from './schema/out-of-range';
import { unknownKey } from './schema/unknown-key';
import { algorithmNone } from './security/algorithm-none';
import { committedSecret } from './security/committed-secret';
import { corsWildcard } from './security/cors-wildcard';
import { debugInProduction } from './security/debug-in-production';
import { defaultCredentials } from './security/default-credentials';
import { failOpen } from './security/fail-open';
import { insecureUrl } from './security/insecure-url';
import { placeholderSecret } from './security/placeholder-secret';
import { reusedSecret } from './security/reused-secret';
import { tlsDisabled } from './security/tls-disabled';
import { weakSecret } from './security/weak-secret';
import { invalidSuppression } from './suppression/invalid-suppression';
import { SYNTAX_RULES } from './syntax';

export const CATALOG_RULES: Rule[] = [missingRequired, invalidValue, outOfRange, unknownKey, inconsistent];
export const SECURITY_RULES: Rule[] = [
  placeholderSecret,
  weakSecret,
  reusedSecret,
  algorithmNone,
  insecureUrl,
  tlsDisabled,
  debugInProduction,
  corsWildcard,
  defaultCredentials,
  failOpen,
  committedSecret,
];
export const PERFORMANCE_RULES: Rule[] = [perfThreshold];
export const EXAMPLE_SYNC_RULES: Rule[] = [missingKey, undocumentedKey];
export const SUPPRESSION_RULES: Rule[] = [invalidSuppression];

export const ALL_RULES: Rule[] = [
  ...SYNTAX_RULES,
  ...INTERPOLATION_RULES,
  ...CATALOG_RULES,
  ...SECURITY_RULES,
  ...PERFORMANCE_RULES,
  ...EXAMPLE_SYNC_RULES,
  ...SUPPRESSION_RULES,
];
