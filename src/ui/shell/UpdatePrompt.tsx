import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';

/** How long "Ready to work offline." stays: long enough to read, then it goes by itself. */
const NOTICE_MS = 6000;

/** True once a service worker controls this page: only then do the parts not loaded yet come from its cache. */
function useControlled(): boolean {
  const [controlled, setControlled] = useState(() => navigator.serviceWorker?.controller != null);
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw || controlled) return;
    const onChange = () => setControlled(sw.controller != null);
    sw.addEventListener('controllerchange', onChange);
    return () => sw.removeEventListener('controllerchange', onChange);
  }, [controlled]);
  return controlled;
}

/**
 * Says once, when the service worker is installed, that Trapscope now works
 * offline, and offers a new version when one is waiting. It sits in the
 * header's line under the title (Header.tsx), so it covers neither the step's
 * sentence, a register nor a dialog. It never reloads by itself: a lecturer
 * mid-animation keeps the page until they choose.
 */
export default function UpdatePrompt() {
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  // The worker installed by this visit takes control of this tab too (clientsClaim, vite.config.ts): the notice
  // waits for that, so that it is true here and now, not only after a reload.
  const controlled = useControlled();
  const notice = offlineReady && controlled && !needRefresh;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setOfflineReady(false), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, setOfflineReady]);
  if (!notice && !needRefresh) return null;
  const dismiss = () => {
    setOfflineReady(false);
    setNeedRefresh(false);
  };
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 bg-[var(--panel)] text-sm" data-testid="pwa-status">
      <span>{needRefresh ? 'A new version of Trapscope is available.' : 'Ready to work offline.'}</span>
      {needRefresh && (
        <button type="button" className="rounded-md border border-[var(--focus)] px-2 font-medium" onClick={() => void updateServiceWorker(true)}>
          Reload to update
        </button>
      )}
      <button type="button" className="rounded-md border border-[var(--line)] px-2" onClick={dismiss}>
        {needRefresh ? 'Later' : 'OK'}
      </button>
    </div>
  );
}
