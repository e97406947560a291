import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ComponentType, type RefObject } from 'react';
import { Committed } from './committed';

type Panels = typeof import('./panels');

let panels: Promise<Panels> | undefined;
let loaded: Panels | undefined;

/**
 * Loads the panels chunk, once. start.tsx awaits it before drawing a
 * permalink's view, and the build's pre-render before rendering, so that
 * neither waits on a boundary.
 */
export const loadPanels = (): Promise<Panels> =>
  (panels ??= import('./panels').then((m) => {
    loaded = m;
    return m;
  }));

// The deferred panels on the page whose content is not drawn yet, each by its `drawn` flag.
const waiting = new Set<RefObject<boolean>>();
let whenDrawn: (() => void)[] = [];

function settle(): void {
  if (waiting.size > 0) return;
  for (const resolve of whenDrawn) resolve();
  whenDrawn = [];
}

/** Resolves once every deferred panel on the page is drawn: on the pre-rendered page, once each is hydrated. */
export function panelsDrawn(): Promise<void> {
  return new Promise((resolve) => {
    whenDrawn.push(resolve);
    settle();
  });
}

/**
 * A panel from the panels chunk in a Suspense boundary of its own. The player,
 * stage, registers and pickers do not wait for it: on the pre-rendered page
 * React adopts each such panel as it stands once its code arrives (selective
 * hydration), and nothing on screen changes meanwhile.
 */
function deferred(name: keyof Panels) {
  const Lazy = lazy(() => loadPanels().then((m) => ({ default: m[name] })));
  function Deferred() {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount the panel.
    const [Panel] = useState<ComponentType>(() => loaded?.[name] ?? Lazy);
    const drawn = useRef(false);
    const onDrawn = useCallback(() => {
      drawn.current = true;
      waiting.delete(drawn);
      settle();
    }, []);
    // Drawn in the same commit, the child's effect has run first; otherwise the panel waits for its chunk.
    useEffect(() => {
      if (!drawn.current) waiting.add(drawn);
      return () => {
        waiting.delete(drawn);
        settle();
      };
    }, []);
    return (
      <Suspense fallback={null}>
        <Committed onCommit={onDrawn}>
          <Panel />
        </Committed>
      </Suspense>
    );
  }
  Deferred.displayName = `Deferred(${name})`;
  return Deferred;
}

export const ArgumentEditor = deferred('ArgumentEditor');
export const CallSearch = deferred('CallSearch');
export const CompareEntry = deferred('CompareEntry');
export const DesignEntry = deferred('DesignEntry');
export const FunctionIdEditor = deferred('FunctionIdEditor');
export const LinkMessages = deferred('LinkMessages');
export const NotesAndSources = deferred('NotesAndSources');
export const Results = deferred('Results');
