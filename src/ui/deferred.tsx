import { createContext, lazy, startTransition, Suspense, useCallback, useContext, useEffect, useRef, useState, type ComponentType, type RefObject } from 'react';
import { Committed } from './committed';
import { loadOnce } from './load-once';
import { LoadFailed } from './shell/LoadFailed';

type Panels = typeof import('./panels');

const panels = loadOnce(() => import('./panels'));

/**
 * Loads the panels chunk, once. start.tsx awaits it before drawing a
 * permalink's view, and the build's pre-render before rendering, so that
 * neither waits on a boundary.
 */
export const loadPanels = panels.load;

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
 * True where a view is drawn afresh (a permalink): the panels below the first
 * screen then wait for the next render, so that the first one draws only what
 * is seen first. The pre-render and the page adopting it draw everything at
 * once, as the markup holds it. A context, not the server snapshot Committed
 * reads: that would draw the panel's wrapper again once the page is adopted,
 * and an update reaching a panel whose code has not arrived makes React drop
 * its pre-rendered markup.
 */
export const FirstScreenFirst = createContext(false);

/**
 * A panel from the panels chunk in a Suspense boundary of its own. The player,
 * stage, registers and pickers do not wait for it: on the pre-rendered page
 * React adopts each such panel as it stands once its code arrives (selective
 * hydration), and nothing on screen changes meanwhile.
 */
function deferred(name: keyof Panels, below = false) {
  // A chunk that never arrives leaves a message in the panel's place, not an error that would empty the page.
  const Lazy = lazy(() =>
    loadPanels().then(
      (m) => ({ default: m[name] }),
      () => ({ default: () => <LoadFailed what="This part of Trapscope" /> }),
    ),
  );
  function Deferred() {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount the panel.
    const [Panel] = useState<ComponentType>(() => panels.loaded()?.[name] ?? Lazy);
    const firstScreenFirst = useContext(FirstScreenFirst);
    const [later, setLater] = useState(below && firstScreenFirst);
    useEffect(() => {
      if (later) startTransition(() => setLater(false));
    }, [later]);
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
        {!later && (
          <Committed onCommit={onDrawn}>
            <Panel />
          </Committed>
        )}
      </Suspense>
    );
  }
  Deferred.displayName = `Deferred(${name})`;
  return Deferred;
}

export const ArgumentEditor = deferred('ArgumentEditor', true);
export const CallSearch = deferred('CallSearch');
export const CompareEntry = deferred('CompareEntry', true);
export const DesignEntry = deferred('DesignEntry', true);
export const FunctionIdEditor = deferred('FunctionIdEditor', true);
export const LinkMessages = deferred('LinkMessages');
export const NotesAndSources = deferred('NotesAndSources', true);
export const Results = deferred('Results', true);
