import '../index.css';

// The entry (README, "How the page starts"). index.html carries the default view pre-rendered; public/first-paint.js
// hides it under a link. When it is shown, it is painted before any of the app's script runs: the app is imported
// only after that first paint.
const root = document.getElementById('root')!;
const showsPrerendered = root.dataset.prerendered !== undefined && window.location.hash.length <= 1;
const nextTask = () => new Promise((next) => setTimeout(next));
if (showsPrerendered) await new Promise((painted) => requestAnimationFrame(() => void nextTask().then(painted)));
// A link is read before anything is drawn: its codec and the family loader (each a chunk of its own, which the
// pre-rendered view needs only later) are fetched beside the app, not one after another behind it.
else Promise.all([import('../store/url-sync'), import('../store/ensure-loaded')]).catch(() => {}); // boot() reports a chunk that fails
// Each import's modules are evaluated in one task: react-dom (most of the script) first, then the app, so the
// page stays responsive between the two rather than being held for both at once.
await import('react-dom/client');
await nextTask();
const { start } = await import('./start');
await start(root, window, showsPrerendered);
