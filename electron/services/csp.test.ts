import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_CSP_META } from './csp.ts';

describe('the renderer Content-Security-Policy', () => {
  it('index.html carries the same policy as the headers (frame-ancestors only works as a header)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP_META);
    expect(RENDERER_CSP).toBe(`${RENDERER_CSP_META}; frame-ancestors 'none'`);
  });

  it('allows scripts only from the app itself: no inline script, no eval, no remote origin', () => {
    const script = RENDERER_CSP.split('; ').find((directive) => directive.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
