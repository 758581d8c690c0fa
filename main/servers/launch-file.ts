/**
 * Browser mode's servers: the JSON file named by DESK_SERVERS_FILE.
 *
 *   { "servers": [ { "id": "mt5-eu", "name": "EU live", "url": "https://mt5.example.com:443",
 *                    "login": 1000, "passwordEnv": "DESK_MT5_EU_PASSWORD", "caFile": "eu-ca.pem" } ] }
 *
 * Each password comes from the environment variable `passwordEnv` names (preferred: it keeps the
 * secret out of the file) or from `password`. `caFile` (relative to the file) is a PEM certificate
 * to trust. Every problem is reported at once; the desk does not start on a broken file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type ServerConfig, serverConfigSchema } from '../../shared/servers';
import { DirectoryError, launchDirectory, type ServerDirectory } from './directory';

const entrySchema = serverConfigSchema
  .omit({ caPem: true })
  .extend({
    password: z.string().min(1).max(64).optional(),
    passwordEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .optional(),
    caFile: z.string().min(1).optional(),
  })
  .strict();
const fileSchema = z.object({ servers: z.array(entrySchema).max(64) }).strict();

export function readServersFile(file: string, env: Record<string, string | undefined>): ServerDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DirectoryError(`DESK_SERVERS_FILE ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new DirectoryError(`DESK_SERVERS_FILE ${file} is not valid:\n${problems.join('\n')}`);
  }
  const problems: string[] = [];
  const configs: ServerConfig[] = [];
  const passwords = new Map<string, string>();
  for (const entry of parsed.data.servers) {
    const { password, passwordEnv, caFile, ...config } = entry;
    if (configs.some((c) => c.id === config.id)) problems.push(`${config.id}: the id is used twice`);
    const secret = passwordEnv !== undefined ? env[passwordEnv] : password;
    if (!secret) problems.push(`${config.id}: no password (set ${passwordEnv ?? '"password" or "passwordEnv"'})`);
    else passwords.set(config.id, secret);
    let caPem: string | undefined;
    if (caFile !== undefined) {
      try {
        caPem = readFileSync(path.resolve(path.dirname(file), caFile), 'utf8');
      } catch (error) {
        problems.push(`${config.id}: caFile ${caFile}: ${error instanceof Error ? error.message : error}`);
      }
    }
    configs.push(caPem === undefined ? config : { ...config, caPem });
  }
  if (problems.length > 0) throw new DirectoryError(`DESK_SERVERS_FILE ${file}:\n${problems.join('\n')}`);
  return launchDirectory(configs, passwords);
}
