import { renderToString } from 'react-dom/server';
import { App } from './ui/App';

/**
 * The default view as HTML, written into index.html at build time so the
 * first paint needs no script; main.tsx then hydrates it. Rendered from the
 * store's initial state, which is what the page starts from too.
 */
export function prerender(): string {
  return renderToString(<App />);
}
