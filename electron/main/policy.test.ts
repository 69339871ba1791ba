import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  allowRedirect,
  decideNavigation,
  decideWindowOpen,
  EXTERNAL_LINK_HOSTS,
  isAllowedExternalUrl,
  isPermissionAllowed,
  MAX_EXTERNAL_URL_LENGTH,
} from './policy.ts';

// A reserved example domain stands in for a listed host: the app's own list is empty today.
const HOSTS = ['docs.example.org'];

describe('shell.openExternal only for the allow-list', () => {
  it('the app links to no outside page, so by default nothing opens, not even a plain https URL', () => {
    expect(EXTERNAL_LINK_HOSTS).toEqual([]);
    for (const url of ['https://evil.example/', 'https://docs.example.org/', 'https://localhost/']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('an https page on a listed host opens; host names compare case-insensitively', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/journal#regret', HOSTS)).toBe(true);
    expect(isAllowedExternalUrl('https://DOCS.Example.org/a?b=c', HOSTS)).toBe(true);
    expect(isAllowedExternalUrl('https://docs.example.org:443/', HOSTS)).toBe(true);
  });

  it('any other scheme is refused, whatever the host: http, mailto, file, javascript, custom protocols', () => {
    for (const url of [
      'http://docs.example.org/',
      'mailto:someone@docs.example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://docs.example.org/share',
      'app://qthink/index.html',
      'data:text/html,<script>1</script>',
    ]) {
      expect(isAllowedExternalUrl(url, HOSTS), url).toBe(false);
    }
  });

  it('look-alike hosts, credentials, other ports and over-long URLs are refused', () => {
    for (const url of [
      'https://docs.example.org.evil.example/',
      'https://evil.example/docs.example.org',
      'https://evil.example/?next=https://docs.example.org',
      'https://docs.example.org@evil.example/',
      'https://user:pass@docs.example.org/',
      'https://docs.example.org:8443/',
      'https://sub.docs.example.org/',
      `https://docs.example.org/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url, HOSTS), url).toBe(false);
    }
  });
});

describe('navigation, redirects and new windows stay inside the app', () => {
  it('will-navigate: the app\'s own pages stay, a listed page opens outside, anything else is blocked', () => {
    expect(decideNavigation('app://qthink/index.html', HOSTS)).toBe('stay');
    expect(decideNavigation('app://qthink/journal', HOSTS)).toBe('stay');
    expect(decideNavigation('https://docs.example.org/', HOSTS)).toBe('open-external');
    expect(decideNavigation('https://evil.example/', HOSTS)).toBe('deny');
    expect(decideNavigation('app://other/index.html', HOSTS)).toBe('deny');
    expect(decideNavigation('file:///tmp/index.html', HOSTS)).toBe('deny');
    expect(decideNavigation('http://127.0.0.1:5173/', HOSTS)).toBe('deny');
    expect(decideNavigation('https://docs.example.org/')).toBe('deny');
  });

  it('will-redirect: only to the app\'s own origin, never outside, not even to a listed host', () => {
    expect(allowRedirect('app://qthink/index.html')).toBe(true);
    expect(allowRedirect('https://docs.example.org/')).toBe(false);
    expect(allowRedirect('https://evil.example/')).toBe(false);
    expect(allowRedirect('app://qthink.evil.example/')).toBe(false);
  });

  it('window.open never makes a window: a listed page opens in the browser, the rest is denied', () => {
    expect(decideWindowOpen('https://docs.example.org/x', HOSTS)).toBe('open-external');
    expect(decideWindowOpen('app://qthink/index.html', HOSTS)).toBe('deny');
    expect(decideWindowOpen('https://evil.example/', HOSTS)).toBe('deny');
    expect(decideWindowOpen('https://evil.example/')).toBe('deny');
  });
});

describe('permission requests and checks', () => {
  it('only clipboard-sanitized-write (the copy-errors button), and only for our page', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://qthink/index.html')).toBe(true);
    // The check handler is given an origin, not a URL.
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://qthink')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('everything else is denied, even for our own page', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'unknown']) {
      expect(isPermissionAllowed(permission, 'app://qthink/index.html'), permission).toBe(false);
    }
  });
});
