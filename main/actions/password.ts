/**
 * Operator passwords: scrypt (node:crypto) with a random salt, stored as one self-describing string
 * in the PHC format, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no padding), so the cost can be
 * raised later: old hashes still verify with their own parameters and `needsRehash` says when to
 * store a new one (at the next successful sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of scrypt's N (CPU and memory cost). */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 90 ms of CPU per hash on the development machine
 * (measured with process.cpuUsage around scryptSync; 2^14 took about 40 ms, 2^16 about 180 ms).
 * Slow enough to make an offline guess expensive, fast enough for a sign-in.
 */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/**
 * A stored string is data, not trust: parameters beyond these are refused rather than run, so an
 * edited hash cannot make a sign-in allocate gigabytes or spin for minutes.
 */
const LIMITS = { ln: [1, 20], r: [1, 32], p: [1, 16] } as const;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{16,88})$/;

/** Passwords are compared as Unicode NFC, so the same password typed on macOS and Windows matches. */
const passwordBytes = (password: string) => Buffer.from(password.normalize('NFC'), 'utf8');

function derive(password: string, salt: Buffer, length: number, { ln, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that at 2^15.
    scrypt(passwordBytes(password), salt, length, { N, r, p, maxmem: 2 * 128 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (!withinLimits(params)) throw new RangeError(`scrypt parameters out of range: ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function decode(encoded: string): Decoded | undefined {
  const match = FORMAT.exec(encoded);
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (!withinLimits(params)) return undefined;
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const hash = Buffer.from(match[5] ?? '', 'base64');
  if (salt.length < SALT_BYTES || hash.length < 16) return undefined;
  return { params, salt, hash };
}

function withinLimits(params: ScryptParams): boolean {
  return (Object.keys(LIMITS) as (keyof ScryptParams)[]).every((key) => {
    const value = params[key];
    const [min, max] = LIMITS[key];
    return Number.isInteger(value) && value >= min && value <= max;
  });
}

/**
 * True when `password` produces `encoded`. A malformed or tampered string is simply false (the
 * caller treats it like a wrong password), never an exception.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded) return false;
  const candidate = await derive(password, decoded.salt, decoded.hash.length, decoded.params);
  return timingSafeEqual(candidate, decoded.hash);
}

/** True when `encoded` was made with weaker parameters than `params` (or cannot be read). */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const decoded = decode(encoded);
  if (!decoded) return true;
  const old = decoded.params;
  return old.ln < params.ln || old.r < params.r || old.p < params.p || decoded.hash.length < HASH_BYTES;
}
