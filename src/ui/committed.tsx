import { useEffect, type ReactNode } from 'react';

/** Calls onCommit once its children are on the page: drawn, or adopted from the pre-rendered HTML. */
export function Committed({ onCommit, children }: { onCommit: () => void; children: ReactNode }) {
  useEffect(onCommit, [onCommit]);
  return children;
}
