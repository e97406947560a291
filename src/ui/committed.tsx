import { useEffect, useSyncExternalStore, type ReactNode } from 'react';

const subscribeNothing = () => () => {};

/**
 * Calls onCommit once its children are on the page: drawn, or adopted from
 * the pre-rendered HTML. Until a pre-rendered part is adopted its controls
 * are disabled (in the build's markup too): a value typed or chosen there
 * before the app's code arrived would be shown but never applied. Drawn
 * afresh, they work at once.
 */
export function Committed({ onCommit, children }: { onCommit: () => void; children: ReactNode }) {
  useEffect(onCommit, [onCommit]);
  // The server snapshot is what the pre-render and the adopting render see; React then draws with the client's.
  const adopting = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  return (
    <fieldset disabled={adopting} className="contents">
      {children}
    </fieldset>
  );
}
