import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Says once that Trapscope now works offline, and offers a new version when
 * one is waiting. It never reloads by itself: a lecturer mid-animation keeps
 * the page until they choose.
 */
export default function UpdatePrompt() {
  const {
    offlineReady: [offlineReady, setOfflineReady],
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!offlineReady && !needRefresh) return null;
  return (
    <div
      role="status"
      className="fixed right-3 bottom-3 z-40 max-w-sm rounded-lg border border-[var(--line)] bg-[var(--panel)] p-3 text-sm shadow-lg"
      data-testid="pwa-status"
    >
      <p>{needRefresh ? 'A new version of Trapscope is available.' : 'Ready to work offline.'}</p>
      <div className="mt-2 flex gap-2">
        {needRefresh && (
          <button type="button" className="rounded-md border border-[var(--focus)] px-2 py-1 font-medium" onClick={() => void updateServiceWorker(true)}>
            Reload to update
          </button>
        )}
        <button
          type="button"
          className="rounded-md border border-[var(--line)] px-2 py-1"
          onClick={() => {
            setOfflineReady(false);
            setNeedRefresh(false);
          }}
        >
          {needRefresh ? 'Later' : 'OK'}
        </button>
      </div>
    </div>
  );
}
