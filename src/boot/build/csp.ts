import type { Plugin } from 'vite';

/**
 * A strict Content-Security-Policy for the built site: no inline script, no
 * eval, nothing from another origin. As a <meta> tag, because a static site
 * has no headers of its own; added at build time only, since the dev server
 * injects inline scripts.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CHARSET = '<meta charset="UTF-8" />';

/** index.html with the policy right after its charset, before anything the policy governs. */
export function withCsp(html: string): string {
  if (!html.includes(CHARSET)) throw new Error(`index.html has no ${CHARSET} to put the Content-Security-Policy after`);
  return html.replace(CHARSET, `${CHARSET}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
}

export function cspPlugin(): Plugin {
  return { name: 'trapscope-csp', apply: 'build', transformIndexHtml: withCsp };
}
