/**
 * Where the desk's own pages live (app://desk/…) and what they may ask of Chromium. Pure, so the
 * security rules are unit-tested without Electron.
 */
export const DESK_SCHEME = 'app';
export const DESK_HOST = 'desk';
export const DESK_ORIGIN = `${DESK_SCHEME}://${DESK_HOST}`;
export const DESK_START_URL = `${DESK_ORIGIN}/index.html`;

/** True only for a page of the desk itself; anything unparsable is foreign. */
export function isDeskUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${DESK_SCHEME}:` && parsed.host === DESK_HOST;
  } catch {
    return false;
  }
}

/** Desktop notifications for alerts are the one browser permission a dealer's desk needs. */
const allowedPermissions: ReadonlySet<string> = new Set(['notifications']);

export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return allowedPermissions.has(permission) && isDeskUrl(requestingUrl);
}
