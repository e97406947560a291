import { catalog } from '../catalog';
import type { Convention } from '../model/convention';

/**
 * The light side of custom conventions, loaded with the page: which
 * conventions are custom, the def= parameters their links need, and the
 * editor's draft. Decoding and storage (custom.ts, with the schema library)
 * load only when a link carries a definition or the reader saves one.
 */
export const STORE_KEY = 'trapscope-custom';
const DRAFT_KEY = 'trapscope-custom-draft';

/** The def= parameter of every custom convention known here, by convention id. */
export const params = new Map<string, string>();

export function isCustom(conv: Convention): boolean {
  return conv.family.startsWith('custom-');
}

export function customConventions(): Convention[] {
  return catalog.conventions.filter(isCustom);
}

/** The def= values a link needs for the custom conventions it names. */
export function defValues(conventionIds: readonly string[]): string[] {
  return [...new Set(conventionIds)].flatMap((id) => (params.has(id) ? [params.get(id)!] : []));
}

export function hasStoredDefinitions(): boolean {
  try {
    return localStorage.getItem(STORE_KEY) !== null;
  } catch {
    return false;
  }
}

export function loadDraft(): string | null {
  try {
    return localStorage.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
}

/** What the reader is typing survives a reload even while it is invalid. */
export function saveDraft(text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(DRAFT_KEY);
    else localStorage.setItem(DRAFT_KEY, text);
  } catch {
    // Private windows may refuse storage; the draft then lasts for this visit.
  }
}
