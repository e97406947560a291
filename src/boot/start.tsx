import { StrictMode, startTransition, useEffect, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { hasStoredDefinitions, loadDraft } from '../store/custom-links';
import { useApp } from '../store/store';
import { startUrlSync } from '../store/url-sync';
import { App } from '../ui/App';
import { loadTheme } from '../ui/shell/theme';
import { boot } from './boot';

/** Reads the theme and the editor's draft into the store; drawn once hydrated (see boot()). */
export function readStorage(): void {
  loadTheme();
  useApp.setState({ draft: loadDraft() });
}

/** Registers the conventions kept in this browser, when there are any (their decoder is a chunk of its own). */
export async function loadKept(): Promise<void> {
  if (hasStoredDefinitions()) await (await import('../store/custom')).loadStoredDefinitions();
}

function OnCommit({ done, children }: { done: () => void; children: ReactNode }) {
  useEffect(done, [done]);
  return children;
}

/** What the page renders, hydrating or afresh. */
export const app = (
  <StrictMode>
    <App />
  </StrictMode>
);

/** Starts the app in `root`; `showsPrerendered`: the build's default view is on screen and is to be hydrated. */
export function start(root: HTMLElement, win: Window, showsPrerendered: boolean): Promise<void> {
  return boot({
    link: !showsPrerendered,
    setPhase: (phase) => useApp.getState().setPhase(phase),
    readStorage,
    // As a transition, hydration yields to the browser between components instead of holding the main thread.
    hydrate: () => new Promise((hydrated) => startTransition(() => void hydrateRoot(root, <OnCommit done={hydrated}>{app}</OnCommit>))),
    // React empties the root (the hidden pre-rendered view) as it commits its first render.
    render: () => createRoot(root).render(app),
    loadKept,
    syncAddress: async () => void (await startUrlSync(win)),
  });
}
