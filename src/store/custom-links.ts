import { create } from 'zustand';
import { isCustomConvention, type Catalog } from '../catalog';
import type { Convention } from '../model/convention';

/**
 * The light side of custom conventions, loaded with the page: which
 * conventions are custom, the def= parameters their links need, and the
 * editor's draft. Decoding and storage (custom.ts, with the schema library)
 * load only when a link carries a definition or the reader saves one.
 */
export const STORE_KEY = 'trapscope-custom';
/** Where conventions saved while STORE_KEY holds text this version cannot read are kept, so that text is never overwritten. */
export const BESIDE_KEY = 'trapscope-custom-beside';
const DRAFT_KEY = 'trapscope-custom-draft';

/** How many kept conventions are registered at start-up, for the pickers; the Design panel lists them all. */
export const SHOWN_AT_START = 20;

/** A convention kept in this browser, as listed before it is decoded (custom.ts decodes it when it is opened). */
export interface KeptEntry {
  /** The convention id it would have ("custom-…"), or undefined when the entry names none. */
  id: string | undefined;
  name: string;
}

/** Something about this browser's storage the reader must know: what was not saved, or not read. */
export interface StorageNotice {
  /** unreadable: stored text this version cannot read; unsaved: a save storage refused; draft: the draft was not stored. */
  kind: 'unreadable' | 'unsaved' | 'draft';
  message: string;
}

/**
 * The conventions kept here and what storage said, for the Design panel
 * and the notice under the header. Apart from the app's store: it is filled
 * after the page is hydrated, and only custom.ts writes it.
 */
export const useKept = create<{
  kept: readonly KeptEntry[];
  notices: readonly StorageNotice[];
  /** How far an import has got, while it runs. */
  importing: { done: number; total: number } | null;
}>()(() => ({ kept: [], notices: [], importing: null }));

export function addNotice(notice: StorageNotice): void {
  const notices = useKept.getState().notices.filter((n) => n.kind !== notice.kind);
  useKept.setState({ notices: [...notices, notice] });
}

export function dismissNotices(): void {
  useKept.setState({ notices: [] });
}

export function customConventions(cat: Catalog): Convention[] {
  return cat.conventions.filter((c) => isCustomConvention(cat, c));
}

/** The def= values a link needs for the custom conventions it names (defs: the store's, by convention id). */
export function defValues(defs: Readonly<Record<string, string>>, conventionIds: readonly string[]): string[] {
  return [...new Set(conventionIds)].flatMap((id) => (Object.hasOwn(defs, id) ? [defs[id]!] : []));
}

export function hasStoredDefinitions(): boolean {
  try {
    return localStorage.getItem(STORE_KEY) !== null || localStorage.getItem(BESIDE_KEY) !== null;
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
    if (useKept.getState().notices.some((n) => n.kind === 'draft')) useKept.setState({ notices: useKept.getState().notices.filter((n) => n.kind !== 'draft') });
  } catch (error) {
    // The draft then lasts as long as this page; the reader is told, and can download it.
    addNotice({ kind: 'draft', message: `Your draft could not be kept in this browser: ${storageFailure(error)}. It stays here while this page is open.` });
  }
}

/** Why storage refused a write, in words. */
export function storageFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return name === 'QuotaExceededError' ? "this browser's storage for the site is full" : 'this browser refused to store it';
}
