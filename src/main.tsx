import './index.css';

const root = document.getElementById('root')!;
// index.html carries the default view pre-rendered; public/first-paint.js hides it under a permalink. When it is
// shown, it is painted before any of the app's script runs: the app is imported only after that first paint.
const shown = root.dataset.prerendered !== undefined && window.location.hash.length <= 1;
if (shown) await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
const { start } = await import('./start');
await start(root, window, shown);
