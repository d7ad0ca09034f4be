// Which profile a file is validated with (config.md "Files and profiles"), first that applies:
// explicit setting, file-name suffix, NODE_ENV in the file, else development.
import { ProfileSchema, type Profile } from '../../../shared/src/profiles';
import type { ParsedEnv } from '../parser/types';
import { baseName } from './context';

export type ProfileSource = 'explicit' | 'file-name' | 'NODE_ENV' | 'default';

// `.env.production.local` holds local overrides of production (the dotenv-flow convention), so it
// keeps the production profile; plain `.env.local` is development.
const SUFFIX = /^\.env\.(production|staging|test|development)(?:\.local)?$/i;

export function profileFromFileName(fileName: string): Profile | undefined {
  const base = baseName(fileName);
  const m = SUFFIX.exec(base);
  if (m) return ProfileSchema.parse((m[1] ?? '').toLowerCase());
  return /^\.env\.local$/i.test(base) ? 'development' : undefined;
}

export function resolveProfile(fileName: string, parsed: ParsedEnv, explicit?: Profile): { profile: Profile; source: ProfileSource } {
  if (explicit) return { profile: explicit, source: 'explicit' };
  const fromName = profileFromFileName(fileName);
  if (fromName) return { profile: fromName, source: 'file-name' };
  const fromEnv = ProfileSchema.safeParse(parsed.values['NODE_ENV']);
  if (fromEnv.success) return { profile: fromEnv.data, source: 'NODE_ENV' };
  return { profile: 'development', source: 'default' };
}
