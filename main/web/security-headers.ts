/**
 * The headers every renderer response carries, in both hosts (browser mode over http and the
 * Electron app over app://desk/). Kept in one place so the two hosts cannot drift apart.
 */

/**
 * A strict Content-Security-Policy. `connectSources` adds the browser-mode WebSocket URL; modern
 * Chromium matches ws: under 'self', but naming it keeps older engines and readers certain.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // ag-grid's theming API injects <style> elements at runtime (no nonce is threaded through our
    // static build), so inline styles are allowed; scripts stay 'self' only, which is what matters.
    "style-src 'self' 'unsafe-inline'",
    // ag-grid's icons and fonts come as data: URLs inside its CSS.
    "img-src 'self' data:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(connectSources: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSources),
    'X-Content-Type-Options': 'nosniff',
    // The browser-mode URL carries the launch token: never hand it to another site as a referrer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
