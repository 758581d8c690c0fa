/**
 * Who works at the desk and what each role may do. The core enforces these grants on every
 * request (main/ipc/router.ts); the renderer only uses them to hide what would be refused anyway.
 */
import { z } from 'zod';

export const roleSchema = z.enum(['dealer', 'risk', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = { dealer: 'Dealer', risk: 'Risk manager', admin: 'Admin' };

/**
 * What a request needs. `public`: anyone who reached the desk (sign-in itself); every other
 * permission needs a signed-in operator whose role grants it.
 */
export const permissionSchema = z.enum([
  'public',
  /** See the book, exposure, alerts, actions, the audit trail and clients. */
  'read',
  /** Acknowledge, snooze and resolve alerts. */
  'acknowledge',
  /** Edit alert thresholds. */
  'tune-alerts',
  /** Send balance operations and account changes to a server. */
  'act',
  /** Be the second pair of eyes on a large balance operation. */
  'approve',
  /** Drive the embedded simulator (speed, market shocks): training and tests. */
  'simulate',
  /** Manage operators, limits and desk settings. */
  'admin',
]);
export type Permission = z.infer<typeof permissionSchema>;

/** Risk managers read and acknowledge; dealers act within limits; admins do everything. */
export const roleGrants: Record<Role, readonly Permission[]> = {
  risk: ['read', 'acknowledge', 'tune-alerts'],
  dealer: ['read', 'acknowledge', 'act', 'approve'],
  admin: ['read', 'acknowledge', 'tune-alerts', 'act', 'approve', 'simulate', 'admin'],
};

/** Who is doing something: the signed-in operator of a window. */
export interface Actor {
  name: string;
  role: Role;
}

export const mayDo = (role: Role | undefined, permission: Permission): boolean =>
  permission === 'public' || (role !== undefined && roleGrants[role].includes(permission));

/** Operator names are what the audit trail shows: short, printable, no leading/trailing spaces. */
export const operatorNameSchema = z
  .string()
  .trim()
  .min(2, 'an operator name has at least 2 characters')
  .max(32, 'an operator name has at most 32 characters')
  .regex(/^[\p{L}\p{N}._ -]+$/u, 'an operator name uses letters, digits, spaces, dots, dashes or underscores');

/** At least 10 characters: the desk moves client money. */
export const passwordSchema = z
  .string()
  .min(10, 'a password has at least 10 characters')
  .max(128, 'a password has at most 128 characters');

export const operatorSchema = z.object({
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAtMsc: z.number().int(),
  createdBy: z.string(),
});
export type Operator = z.infer<typeof operatorSchema>;

export const sessionStateSchema = z.object({
  /** Null until someone signs in on this window. */
  operator: z.object({ name: z.string(), role: roleSchema }).nullable(),
  /** True on the first launch: no operator exists yet, so the first one becomes the admin. */
  setupNeeded: z.boolean(),
  permissions: z.array(permissionSchema),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/** Money limits in the desk currency, whole units (e.g. USD), converted from the account currency at live rates. */
export const limitsSchema = z
  .object({
    /** The most a dealer may move in one balance operation. Admins are bound only by the server's 1e9. */
    dealerMaxAmount: z.number().int().min(1).max(1_000_000_000),
    /** A balance operation above this waits for a second operator's approval (every role). */
    fourEyesAbove: z.number().int().min(0).max(1_000_000_000),
  })
  .strict();
export type Limits = z.infer<typeof limitsSchema>;

export const defaultLimits: Limits = { dealerMaxAmount: 50_000, fourEyesAbove: 10_000 };
