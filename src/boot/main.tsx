import '../index.css';
import { prefetchFamilies } from '../store/family-keys';

// The entry (README, "How the page starts"). index.html carries the default view pre-rendered; public/first-paint.js
// hides it under a link. When it is shown, it is painted before any of the app's script runs: the app is imported
// only after that first paint.
const root = document.getElementById('root')!;
const showsPrerendered = root.dataset.prerendered !== undefined && window.location.hash.length <= 1;
const nextTask = () => new Promise((next) => setTimeout(next));
if (showsPrerendered) {
  await new Promise((painted) => requestAnimationFrame(() => void nextTask().then(painted)));
  // Each import's modules are evaluated in one task: react-dom (most of the script) first, then the app, so the
  // page on screen stays responsive between the two rather than being held for both at once.
  await import('react-dom/client');
  await nextTask();
} else {
  // A link has nothing on screen to keep responsive, only a view to draw soon: the families its ids name and the
  // runs on emulated CPUs that come with them (chunks of their own) are fetched at once, beside the app, not one
  // after another behind it.
  prefetchFamilies(window.location.hash);
  void import('virtual:trapscope-observed-more').catch(() => {}); // boot() reports a chunk that fails
}
const { start } = await import('./start');
// The app's modules are evaluated in one task; hydration starts in the next.
if (showsPrerendered) await nextTask();
await start(root, window, showsPrerendered);
