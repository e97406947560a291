import { renderToString } from 'react-dom/server';
import { App } from '../ui/App';

/**
 * The default view as HTML, written into index.html at build time (src/boot/build/prerender.ts) so the first paint
 * needs no script; start.tsx then hydrates it. Rendered from the store's initial state (phase 'static'), which is
 * what React renders while hydrating too.
 */
export function prerender(): string {
  return renderToString(<App />);
}
