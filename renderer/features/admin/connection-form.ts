/**
 * The connection form's rules, apart from React so they can be unit-tested: what the admin typed →
 * the `servers.save` / `servers.test` inputs. The checks are light on purpose (an https address,
 * digits for the login): the core parses with the contract's schemas and has the last word.
 * The password is never part of the draft, so a draft can outlive a save or a test without it.
 */
import type { RequestInput } from '../../../shared/contract';
import type { ServerEntry, ServerTestResult } from '../../../shared/servers';

/** What the form holds, as typed. */
export interface ConnectionDraft {
  id: string;
  name: string;
  url: string;
  login: string;
  caPem: string;
  acceptPlainText: boolean;
}

export const emptyDraft = (): ConnectionDraft => ({
  id: '',
  name: '',
  url: 'https://',
  login: '',
  caPem: '',
  acceptPlainText: false,
});

/** The stored certificate never comes back from the core, so its field starts empty. */
export const draftFor = (server: ServerEntry): ConnectionDraft => ({
  id: server.id,
  name: server.name,
  url: server.url,
  login: String(server.login),
  caPem: '',
  acceptPlainText: false,
});

/** The first thing the admin should fix before saving, or null. */
export function problemWith(draft: ConnectionDraft): string | null {
  if (!draft.id.trim()) return 'Give the server a short id, e.g. mt5-eu.';
  return problemToTest(draft);
}

/** A test needs no id: only somewhere to log in and someone to log in as. */
export function problemToTest(draft: ConnectionDraft): string | null {
  if (!isHttpsAddress(draft.url)) return 'The address must be https://host:port (the Web API is TLS only).';
  if (!/^\d+$/.test(draft.login.trim())) return 'The manager login is digits only, e.g. 1000.';
  return null;
}

const isHttpsAddress = (text: string): boolean => {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
};

/**
 * An empty password is left out, so the core keeps the stored one. The certificate is part of the
 * server's settings, which a save replaces whole: an empty field saves the server without one.
 */
export function saveInput(draft: ConnectionDraft, password: string): RequestInput<'servers.save'> {
  const caPem = draft.caPem.trim();
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    url: draft.url.trim(),
    login: Number(draft.login.trim()),
    ...(caPem ? { caPem } : {}),
    ...(password ? { password } : {}),
    acceptPlainText: draft.acceptPlainText,
  };
}

/**
 * Tests what is in the form. For a server already saved the id goes along, so an empty password
 * (or certificate) field means "the stored one" rather than "none".
 */
export function testInput(
  draft: ConnectionDraft,
  password: string,
  savedId: string | null,
): RequestInput<'servers.test'> {
  const caPem = draft.caPem.trim();
  return {
    ...(savedId ? { id: savedId } : {}),
    url: draft.url.trim(),
    login: Number(draft.login.trim()),
    ...(password ? { password } : {}),
    ...(caPem ? { caPem } : {}),
  };
}

/** "Connected · 42 ms round trip · 1,280 symbols", then the core's own message. */
export function describeTest(result: ServerTestResult): string {
  const facts = [result.ok ? 'Connected' : 'Not connected'];
  if (result.roundTripMs !== null) facts.push(`${Math.round(result.roundTripMs)} ms round trip`);
  if (result.symbols !== null) facts.push(`${result.symbols.toLocaleString('en-US')} symbols`);
  const summary = facts.join(' · ');
  return result.message ? `${summary}: ${result.message}` : summary;
}
