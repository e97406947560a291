import { lazy, type ComponentType } from 'react';

/** A part of the app that did not arrive (a first visit that lost the network): only a reload can mend it. */
export function LoadFailed({ what }: { what: string }) {
  return (
    <div role="alert" className="space-y-2">
      <p>{what} did not load. Are you offline?</p>
      <button type="button" className="rounded-lg border border-[var(--focus)] px-3 py-1.5 text-sm font-semibold" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

/**
 * A component from a chunk of its own. A chunk that cannot arrive leaves this
 * message in the component's place, not an error that would empty the page.
 */
export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, what: string) {
  return lazy(() => load().catch((): { default: ComponentType<P> } => ({ default: () => <LoadFailed what={what} /> })));
}
