import { z } from 'zod';

export const PROFILES = ['development', 'test', 'staging', 'production'] as const;
export type Profile = (typeof PROFILES)[number];
export const ProfileSchema = z.enum(PROFILES);

/** staging and production are production-like: the stricter rules apply. */
export function isProductionLike(p: Profile): boolean {
  return p === 'staging' || p === 'production';
}
