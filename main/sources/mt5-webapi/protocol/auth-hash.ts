/**
 * The Web API's challenge–response (MT5-PROTOCOL.md §2.2). Every step hashes raw bytes: hashing
 * the hex strings instead is the classic mistake, and the server answers it with 403.
 *
 *   pw              = MD5( MD5(UTF16LE(password)) ++ "WebAPI" )
 *   srv_rand_answer = hex(MD5(pw ++ hexdecode(srv_rand)))     // the client proves the password
 *   cli_rand_answer = hex(MD5(pw ++ cli_rand_bytes))          // the server proves it, too
 *
 * Both ends use these: the `mt5-webapi` source and the simulator's Web API server.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const md5 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const WEBAPI = Buffer.from('WebAPI', 'ascii');
const RAND_BYTES = 16;
const HEX_RAND = /^[0-9a-fA-F]{32}$/;

/** The password hash both sides derive; never leaves the process. */
export function passwordHash(password: string): Buffer {
  return md5(md5(Buffer.from(password, 'utf16le')), WEBAPI);
}

/** Decodes a 32-hex-digit random, refusing anything else (a short or odd string would hash silently). */
export function randFromHex(hex: string): Buffer {
  if (!HEX_RAND.test(hex)) throw new Error(`expected 32 hex digits, got ${JSON.stringify(hex.slice(0, 40))}`);
  return Buffer.from(hex, 'hex');
}

/** The answer to a random: hex(MD5(pw ++ rand)). */
export function answerTo(pw: Buffer, rand: Buffer): string {
  return md5(pw, rand).toString('hex');
}

/** A fresh 16-byte random as the protocol sends it (32 lowercase hex digits). */
export function newRand(): string {
  return randomBytes(RAND_BYTES).toString('hex');
}

/** Compares two hex answers in constant time; a malformed one is simply not equal. */
export function answersMatch(expected: string, received: string): boolean {
  if (!HEX_RAND.test(received) || !HEX_RAND.test(expected)) return false;
  return timingSafeEqual(Buffer.from(expected.toLowerCase(), 'hex'), Buffer.from(received.toLowerCase(), 'hex'));
}
