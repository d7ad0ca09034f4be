// The `m1ops.*` settings: ONE zod schema shared by the extension (package.json mirrors it) and the
// language server (which receives them through workspace/configuration). A bad value never stops
// anything: it is reported and replaced by its default, the rest of the settings still apply.
import { z } from 'zod';
import { LevelSchema } from './findings';
import { ProfileSchema } from './profiles';
import { SETTINGS_SECTION } from './protocol';
import { RuleIdSchema } from './rule-ids';

export { SETTINGS_SECTION };

export const CONNECTIVITY_MODES = ['off', 'onSave', 'onOpen'] as const;
export type ConnectivityMode = (typeof CONNECTIVITY_MODES)[number];

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

/** Which rules a file gets: the M1 catalog's (`m1`), the generic ones (`generic`), or decided per file (`auto`). */
export const SCHEMA_CHOICES = ['auto', 'm1', 'generic'] as const;
export type SchemaChoice = (typeof SCHEMA_CHOICES)[number];

/** Which reader a file is written for (interpolation and comment forms); `auto` looks at its name and neighbours. */
export const DIALECT_CHOICES = ['auto', 'node', 'compose', 'php'] as const;
export type DialectChoice = (typeof DIALECT_CHOICES)[number];

export const DEFAULT_SERVICE_URL = 'http://localhost:3000';

const ServiceUrlSchema = z
  .string()
  .refine((s) => s === '' || isHttpUrl(s), { message: 'expected an http(s) URL' });

export const SettingsSchema = z.object({
  service: z.object({ url: ServiceUrlSchema.default(DEFAULT_SERVICE_URL) }).prefault({}),
  validation: z
    .object({
      profile: z.union([z.literal('auto'), ProfileSchema]).default('auto'),
      connectivity: z.enum(CONNECTIVITY_MODES).default('off'),
      rules: z.partialRecord(RuleIdSchema, z.union([LevelSchema, z.literal('off')])).default({}),
      schema: z.enum(SCHEMA_CHOICES).default('auto'),
      /** Globs (workspace-relative or absolute, `*`, `**`, `?`) of files that are M1 configs whatever they set. */
      m1Files: z.array(z.string().max(1000)).max(200).default([]),
      dialect: z.enum(DIALECT_CHOICES).default('auto'),
    })
    .prefault({}),
  trace: z.object({ server: z.enum(TRACE_LEVELS).default('off') }).prefault({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export interface SettingsResult {
  settings: Settings;
  /** One line per rejected value, naming the setting and what was used instead. Empty when all is well. */
  problems: string[];
}

/** Validates raw settings (whatever the client sent); each bad value is dropped so its default applies. */
export function parseSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  let input: unknown = structuredCloneSafe(raw);
  // Each round removes at least one offending value, so this ends; the bound is a safety net.
  for (let round = 0; round < 32; round++) {
    const r = SettingsSchema.safeParse(input);
    if (r.success) return { settings: r.data, problems };
    for (const issue of r.error.issues) {
      const path = issue.path.map(String);
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
      for (const p of paths) {
        problems.push(`${describe(p)}: ${issue.code === 'unrecognized_keys' ? 'unknown rule id' : issue.message}; using the default`);
        input = without(input, p);
      }
    }
  }
  return { settings: DEFAULT_SETTINGS, problems };
}

function describe(path: string[]): string {
  return path.length === 0 ? `${SETTINGS_SECTION} settings` : `${SETTINGS_SECTION}.${path.join('.')}`;
}

/** A copy of `value` without the member at `path`; an empty path means "nothing usable". */
function without(value: unknown, path: string[]): unknown {
  if (path.length === 0 || !isRecord(value)) return {};
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(copy[head], rest);
  return copy;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Settings come from JSON, but a client may send anything; never let a cycle or a getter throw here. */
function structuredCloneSafe(raw: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(raw ?? {})) as unknown;
  } catch {
    return {};
  }
}
