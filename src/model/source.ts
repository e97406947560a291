/**
 * Where a fact comes from. Every number, role and constant the app shows
 * carries at least one, so a reader can check it without trusting us.
 */
export interface Source {
  /** The document: "Linux include/linux/arm-smccc.h", "Arm DEN0028 SMC Calling Convention". */
  title: string;
  /** Where in it: a macro or function name, a section number, a table. */
  where: string;
  /** A stable link to read it, when one exists. */
  url?: string;
}

/**
 * Something a reader must know about a fact: the sources disagree, say
 * nothing, or the fact changed over time. Shown on screen next to the fact.
 */
export interface Note {
  kind: 'disagreement' | 'unconfirmed' | 'history' | 'info';
  text: string;
  sources: Source[];
}

/** Identity used to de-duplicate sources when a view lists all it relies on. */
export function sourceKey(s: Source): string {
  return `${s.title}\u0000${s.where}`;
}

export function uniqueSources(lists: readonly (readonly Source[])[]): Source[] {
  const seen = new Map<string, Source>();
  for (const list of lists) for (const s of list) if (!seen.has(sourceKey(s))) seen.set(sourceKey(s), s);
  return [...seen.values()];
}
