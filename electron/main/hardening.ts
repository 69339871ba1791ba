import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../logger.ts';
import { allowRedirect, decideNavigation, decideWindowOpen, isAllowedExternalUrl, isPermissionAllowed } from './policy.ts';

/** URLs in log lines are cut short: a page can make them as long as it likes. */
const shown = (url: string) => url.slice(0, 200);

/** Opens an allow-listed page in the system browser; the check is repeated here, next to the call. */
function openExternal(url: string, logger: Logger): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => logger.warn(`could not open ${shown(url)}: ${String(error)}`));
}

/**
 * Every web contents the app creates is one page on app://qthink: it may not navigate or be redirected
 * elsewhere, open windows, or attach a <webview>. The rules are in policy.ts.
 */
export function hardenWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (navigation) => {
    const decision = decideNavigation(navigation.url);
    if (decision === 'stay') return;
    navigation.preventDefault();
    if (decision === 'open-external') openExternal(navigation.url, logger);
    else logger.warn(`blocked navigation to ${shown(navigation.url)}`);
  });
  // will-navigate only sees the main frame; a sub-frame may never leave the app either.
  contents.on('will-frame-navigate', (navigation) => {
    if (navigation.isMainFrame || decideNavigation(navigation.url) === 'stay') return;
    navigation.preventDefault();
    logger.warn(`blocked frame navigation to ${shown(navigation.url)}`);
  });
  contents.on('will-redirect', (redirect) => {
    if (allowRedirect(redirect.url)) return;
    redirect.preventDefault();
    logger.warn(`blocked redirect to ${shown(redirect.url)}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') openExternal(url, logger);
    else logger.warn(`blocked a new window for ${shown(url)}`);
    return { action: 'deny' };
  });
}

/** Permission requests and checks both go through isPermissionAllowed; devices (HID, serial, USB) never. */
export function hardenSession(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) logger.warn(`refused permission ${permission} for ${shown(details.requestingUrl)}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
