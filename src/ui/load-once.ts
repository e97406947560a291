/**
 * A chunk fetched once, and what it gave once it has arrived: a component can
 * then use it in the same render (or effect) instead of waiting a turn.
 */
export function loadOnce<T>(load: () => Promise<T>): { load: () => Promise<T>; loaded: () => T | undefined } {
  let promise: Promise<T> | undefined;
  let value: T | undefined;
  return {
    load: () => (promise ??= load().then((v) => (value = v))),
    loaded: () => value,
  };
}
