import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { useApp, type Theme } from '../../store/store';
import { lazyPart } from './LoadFailed';

const SharePanel = lazyPart(() => import('../share/SharePanel'), 'The Share panel');
// The service-worker prompt (with workbox-window) matters only after the first visit has installed it.
const UpdatePrompt = lazy(() => import('./UpdatePrompt'));

const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

export function Header() {
  const theme = useApp((s) => s.theme);
  const live = useApp((s) => s.phase === 'live');
  // The prompt waits for a render of its own after the page's: a link's view is no longer held by the prompt's chunk
  // suspending inside its first render. (The service worker it registers may still start before the view is painted.)
  const prompt = useDeferredValue(live, false);
  const { setTheme } = useApp.getState();
  const [sharing, setSharing] = useState(false);
  return (
    <header className="border-b border-[var(--line)] bg-[var(--panel)]">
      <div className="mx-auto flex max-w-[1400px] flex-wrap items-center justify-between gap-2 px-3 py-2 sm:px-4">
        <div>
          <h1 className="text-xl font-bold tracking-tight">Trapscope</h1>
          {/* The update prompt takes the tagline's place, over it: nothing moves, and nothing else is covered. */}
          <div className="grid *:[grid-area:1/1]">
            <p className="text-sm muted">How a guest calls its hypervisor or firmware, register by register.</p>
            {prompt && (
              <Suspense fallback={null}>
                <UpdatePrompt />
              </Suspense>
            )}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-semibold" onClick={() => setSharing(true)}>
            Share
          </button>
          {sharing && (
            <Suspense fallback={null}>
              <SharePanel onClose={() => setSharing(false)} />
            </Suspense>
          )}
          <fieldset className="flex items-center gap-1 text-sm">
            <legend className="sr-only">Theme</legend>
            {THEMES.map((t) => (
              <label
                key={t.id}
                className={`cursor-pointer rounded-md border px-2 py-1 ${theme === t.id ? 'border-[var(--focus)] font-semibold' : 'border-[var(--line)]'}`}
              >
                <input type="radio" name="theme" className="sr-only" checked={theme === t.id} onChange={() => setTheme(t.id)} />
                {t.label}
              </label>
            ))}
          </fieldset>
        </div>
      </div>
    </header>
  );
}
