/**
 * The renderer's Content-Security-Policy, the same in Electron (response header of the app:// protocol and
 * the page's meta) and in browser mode (header of the bridge). Scripts only from the app itself, no eval,
 * no plugins, no framing, and network access only back to where the page came from. Inline styles are
 * allowed because the charting library sets style attributes.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As an HTTP header (the bridge, the app:// protocol). */
export const RENDERER_CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** As renderer/index.html's meta tag: browsers ignore frame-ancestors there, so it is left out. */
export const RENDERER_CSP_META = DIRECTIVES.join('; ');
