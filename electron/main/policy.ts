import { isTrustedSender } from '../services/ipcHandler.ts';

/**
 * What the desktop shell lets its page do beyond itself: open a link in the system browser, navigate, use a
 * browser permission. Pure functions, so each rule is unit-tested without Electron (hardening.ts wires them).
 */

/**
 * Hosts whose https pages the app may open in the system browser. The app links to no outside page today,
 * so the list is empty and `shell.openExternal` is never called; a link the app gains later adds its host
 * here, with a test. Exact host names, lower case: no wildcards, no subdomains.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/** Longer than any real documentation link; a very long URL handed to the OS is a smell, not a link. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * True only for `https://<listed host>/…` on the default port and without credentials. Everything else —
 * http, mailto, file, custom protocols (which start other programs), `user@host` tricks, other ports — is
 * refused: `shell.openExternal` hands the URL to the operating system, which will run whatever handles it.
 */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return hosts.includes(parsed.hostname);
}

/** Our own page: app://qthink/…, the same test the IPC layer applies to a sender. */
export function isAppUrl(url: string): boolean {
  return isTrustedSender(url);
}

export type NavigationDecision = 'stay' | 'open-external' | 'deny';

/**
 * A link the page follows: inside the app it stays, an allow-listed https page opens in the system browser
 * instead, anything else goes nowhere.
 */
export function decideNavigation(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): NavigationDecision {
  if (isAppUrl(url)) return 'stay';
  return isAllowedExternalUrl(url, hosts) ? 'open-external' : 'deny';
}

/** `window.open` / `target=_blank`: never a new app window; an allow-listed page opens in the browser. */
export function decideWindowOpen(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): 'open-external' | 'deny' {
  return isAllowedExternalUrl(url, hosts) ? 'open-external' : 'deny';
}

/** A server redirect is the server's choice, not the trader's click: only within the app, never outside. */
export function allowRedirect(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Browser permissions the page may use. Only the Import screen's "copy errors" button needs one
 * (`navigator.clipboard.writeText`, which Chromium gates as clipboard-sanitized-write); camera, microphone,
 * notifications, geolocation, clipboard reading, devices, fullscreen, openExternal and the rest are refused.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** Both Electron permission handlers ask this: an allowed permission, asked for by our own page. */
export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}
