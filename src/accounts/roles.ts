import { z } from 'zod';

/** viewers read; reviewers also act on reports; admins also manage accounts and read the audit log. */
export const Role = z.enum(['viewer', 'reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { viewer: 1, reviewer: 2, admin: 3 };

export const hasRole = (have: Role, need: Role): boolean => RANK[have] >= RANK[need];

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore; at most 64');
