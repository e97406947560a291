import { runnerImport, type HtmlTagDescriptor, type Plugin } from 'vite';
import { manifestPlugin } from './manifest.ts';

const ROOT = '<div id="root"></div>';

/**
 * index.html with the pre-rendered markup in its root, and the tag that holds
 * the first paint until the call's narration (the largest text) is parsed:
 * a first paint of the header alone made the largest paint come frames later.
 * Fails the build on markup the page could not use.
 */
export function withPrerendered(html: string, markup: string): { html: string; tags: HtmlTagDescriptor[] } {
  // The CSP allows no inline script and no style attribute: the page would be drawn wrong until hydrated.
  if (/<script|\sstyle="/.test(markup)) throw new Error('the pre-rendered markup has a script or a style attribute, which the CSP blocks');
  if (!html.includes(ROOT)) throw new Error(`index.html has no empty ${ROOT} to pre-render into`);
  if (!markup.includes('id="narration"')) throw new Error('the pre-rendered markup has no #narration, which the first paint waits for');
  return {
    html: html.replace(ROOT, `<div id="root" data-prerendered>${markup}</div>`),
    tags: [{ tag: 'link', attrs: { rel: 'expect', href: '#narration', blocking: 'render' }, injectTo: 'head' }],
  };
}

/**
 * Writes the default view, rendered by the app's own components
 * (src/boot/prerender.tsx), into index.html. Build only: the dev server has
 * no pre-rendered view, and draws the page as it draws a link.
 */
export function prerenderPlugin(): Plugin {
  return {
    name: 'trapscope-prerender',
    apply: 'build',
    async transformIndexHtml(html) {
      const { module } = await runnerImport<typeof import('../prerender')>('./src/boot/prerender.tsx', {
        configFile: false,
        logLevel: 'error',
        plugins: [manifestPlugin()],
      });
      return withPrerendered(html, module.prerender());
    },
  };
}
