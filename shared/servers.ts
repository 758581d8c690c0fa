/**
 * The MT5 servers the desk connects to through the Web API (MT5-PROTOCOL.md §2). Configured in
 * the connection dialog (the Electron app; passwords encrypted with the OS keychain through
 * safeStorage) or, in browser mode, read from the file DESK_SERVERS_FILE names. Passwords go
 * from the window to the core when saved or tested and never come back.
 */
import { z } from 'zod';

export const serverIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a short id: lowercase letters, digits and dashes (e.g. mt5-eu)');

/** The access server's Web API address: https only, host and optional port, no path. */
export const serverAddressSchema = z
  .string()
  .trim()
  .max(200)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && !url.search && !url.username;
    } catch {
      return false;
    }
  }, 'an https address such as https://mt5.example.com:443 (the Web API is TLS only)');

const managerLogin = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);
/** A PEM certificate to trust for this server (a self-signed access point, or the simulator's). */
const caPem = z
  .string()
  .max(20_000)
  .regex(/-----BEGIN CERTIFICATE-----/, 'a PEM certificate (-----BEGIN CERTIFICATE-----)');

export const serverConfigSchema = z
  .object({
    id: serverIdSchema,
    name: z.string().trim().max(64).default(''),
    url: serverAddressSchema,
    login: managerLogin,
    caPem: caPem.optional(),
  })
  .strict();
export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** How stored passwords are protected on this machine. */
export const credentialProtectionSchema = z.enum([
  /** Encrypted with the OS keychain (safeStorage). */
  'os-keychain',
  /** The OS offers only safeStorage's plain-text fallback: stored only if the admin accepts it. */
  'plain-text',
  /** Browser mode: read from DESK_SERVERS_FILE and the environment; edited there, not here. */
  'launch-file',
]);
export type CredentialProtection = z.infer<typeof credentialProtectionSchema>;

export const serverEntrySchema = serverConfigSchema.omit({ caPem: true }).extend({
  hasPassword: z.boolean(),
  hasCa: z.boolean(),
  /** Connected in this run (a saved change applies at the next start). */
  active: z.boolean(),
});
export type ServerEntry = z.infer<typeof serverEntrySchema>;

export const serverListSchema = z.object({
  servers: z.array(serverEntrySchema),
  protection: credentialProtectionSchema,
  editable: z.boolean(),
  /** Saved changes wait for a restart of the desk. */
  restartNeeded: z.boolean(),
  /** Running on the embedded simulator because no server is configured. */
  simulator: z.boolean(),
});
export type ServerList = z.infer<typeof serverListSchema>;

const password = z.string().min(1).max(64);

export const serverSaveSchema = serverConfigSchema
  .extend({
    /** Omitted: keep the stored one. */
    password: password.optional(),
    /** Store it even though the OS offers only plain-text protection (the admin's explicit choice). */
    acceptPlainText: z.boolean().default(false),
  })
  .strict();

/** Tests an address and login: the saved password of `id` unless one is given. */
export const serverTestSchema = z
  .object({
    id: serverIdSchema.optional(),
    url: serverAddressSchema,
    login: managerLogin,
    password: password.optional(),
    caPem: caPem.optional(),
  })
  .strict();

export const serverTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Handshake plus one ping, ms. */
  roundTripMs: z.number().nullable(),
  symbols: z.number().int().nullable(),
});
export type ServerTestResult = z.infer<typeof serverTestResultSchema>;
