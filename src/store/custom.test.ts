import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeDefinitionParam } from '../share/custom/link';
import { gunyahLike, smcccHvc64 } from '../share/custom/fixtures';
import type { CustomDefinition } from '../share/custom/schema';
import { decodeStore, encodeStore, STORAGE_VERSION } from '../share/custom/storage';
import { BESIDE_KEY, customConventions, dismissNotices, saveDraft, SHOWN_AT_START, STORE_KEY, useKept } from './custom-links';
import { deleteDefinition, exportDefinitions, importDefinitions, loadStoredDefinitions, openKept, registerFromLink, saveDefinition } from './custom';
import { useApp } from './store';
import { linkFor } from './url-sync';

/** localStorage with a quota (in characters, as browsers count it), counting writes. */
function storage(entries: Record<string, string>, quota = Infinity) {
  const map = new Map(Object.entries(entries));
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  const store = {
    writes: 0,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (used() - (map.get(k)?.length ?? 0) + (map.has(k) ? 0 : k.length) + v.length > quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      store.writes++;
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
  vi.stubGlobal('localStorage', store);
  return store;
}

const def = (id: string, name = id): CustomDefinition => {
  const d = smcccHvc64() as unknown as CustomDefinition;
  return { ...d, convention: { ...d.convention, id, name } };
};

beforeEach(() => {
  dismissNotices();
  useKept.setState({ kept: [], importing: null });
});
afterEach(() => vi.unstubAllGlobals());

const notice = (kind: string) => useKept.getState().notices.find((n) => n.kind === kind)?.message;

describe('a store this version cannot read', () => {
  const unreadable = {
    'not JSON': '{not json',
    'a list': '[1,2,3]',
    'a storage version from the future': JSON.stringify({ trapscope: 'custom-store', storageVersion: 9, definitions: [] }),
  };
  for (const [what, text] of Object.entries(unreadable)) {
    it(`${what}: said at start-up, kept untouched, and new conventions are kept beside it`, async () => {
      const ls = storage({ [STORE_KEY]: text });
      await loadStoredDefinitions();
      expect(notice('unreadable')).toMatch(/^The saved conventions .*; they are kept unchanged\. Conventions you save now are kept beside them\.$/);
      await saveDefinition(def('new-one', 'New one'));
      expect(ls.getItem(STORE_KEY)).toBe(text);
      // A new tab sees the new one.
      await loadStoredDefinitions();
      expect(useKept.getState().kept).toEqual([{ id: 'custom-new-one', name: 'New one' }]);
      expect(ls.getItem(STORE_KEY)).toBe(text);
    });
  }

  it('an entry written by a newer format is said, kept as found, and the others are saved around it', async () => {
    const newer = { trapscope: 'custom-convention', version: 7, convention: { id: 'future', name: 'Future' }, calls: [], whatever: { x: 1 } };
    const ls = storage({ [STORE_KEY]: encodeStore([newer]) });
    await loadStoredDefinitions();
    expect(notice('unreadable')).toBe('One saved convention was written by a newer Trapscope; it is kept unchanged.');
    await saveDefinition(def('mine'));
    expect(JSON.parse(ls.getItem(STORE_KEY)!).definitions).toEqual([newer, def('mine')]);
  });

  it('its text can be had exactly as it is, and it is joined by what was saved beside it once it can be read', async () => {
    const ls = storage({ [STORE_KEY]: '{oops' });
    await loadStoredDefinitions();
    expect((await import('./custom')).unreadableStore()).toBe('{oops');
    await saveDefinition(def('beside'));
    ls.setItem(STORE_KEY, encodeStore([def('fixed')]));
    await loadStoredDefinitions();
    expect(ls.getItem(BESIDE_KEY)).toBeNull();
    expect(decodeStore(ls.getItem(STORE_KEY)!).defs.map((d) => d.convention.id)).toEqual(['fixed', 'beside']);
  });
});

describe('a full storage quota', () => {
  it('a save is said, the convention stays registered, and export still has it', async () => {
    storage({}, 100);
    await loadStoredDefinitions();
    const id = await saveDefinition(def('too-big', 'Too big'));
    expect(customConventions(useApp.getState().catalog).map((c) => c.id)).toContain(id);
    expect(notice('unsaved')).toMatch(/^"Too big" could not be saved: this browser's storage for the site is full\. It is on screen and in this page’s link/);
    expect(decodeStore(exportDefinitions()).defs.map((d) => d.convention.id)).toEqual(['too-big']);
  });

  it('a draft is said, and the notice goes once a draft is kept again', () => {
    const ls = storage({}, 50);
    saveDraft('x'.repeat(100));
    expect(notice('draft')).toMatch(/^Your draft could not be kept in this browser: this browser's storage for the site is full/);
    saveDraft('{}');
    expect(notice('draft')).toBeUndefined();
    expect(ls.getItem('trapscope-custom-draft')).toBe('{}');
  });
});

describe('many kept conventions', () => {
  it('start-up registers only the last few; the others are listed and open on demand', async () => {
    storage({ [STORE_KEY]: encodeStore(Array.from({ length: 60 }, (_, i) => def(`many-${i}`))) });
    await loadStoredDefinitions();
    expect(useKept.getState().kept).toHaveLength(60);
    expect(customConventions(useApp.getState().catalog).filter((c) => c.id.startsWith('custom-many-'))).toHaveLength(SHOWN_AT_START);
    expect(await openKept('custom-many-0')).toBeUndefined();
    expect(customConventions(useApp.getState().catalog).map((c) => c.id)).toContain('custom-many-0');
  });

  it('an import of 5,000 definitions is one write, with progress, and says once what it could not read', async () => {
    const ls = storage({});
    await loadStoredDefinitions();
    const seen: number[] = [];
    const stop = useKept.subscribe((s) => s.importing && seen.push(s.importing.done));
    const broken = { ...def('broken'), calls: 'none' };
    const file = encodeStore([...Array.from({ length: 5000 }, (_, i) => def(`imp-${i}`)), broken]);
    const { added, errors } = await importDefinitions(file);
    stop();
    expect(added).toHaveLength(5000);
    expect(ls.writes).toBe(1);
    expect(seen.length).toBeGreaterThan(1);
    expect(useKept.getState().importing).toBeNull();
    expect(errors).toEqual(['Definition 5001 ("broken") was set aside: Call: must be a list of calls']);
  }, 120_000);

  it('an import error is said once', async () => {
    storage({});
    const { errors } = await importDefinitions('[1,2,3]');
    expect(errors).toEqual(['The file is not a Trapscope store.']);
    expect((await importDefinitions('{nope')).errors).toEqual(['The file is not JSON.']);
  });
});

describe('def= links', () => {
  it('two definitions with one id: the last is shown, and the message says so', async () => {
    storage({});
    const first = await encodeDefinitionParam(def('twin', 'First'));
    const second = await encodeDefinitionParam(def('twin', 'Second'));
    expect(await registerFromLink([first, second])).toEqual([
      'This link carries two custom conventions with the id "twin" ("First" and "Second"); the last one in the link is shown.',
    ]);
    expect(customConventions(useApp.getState().catalog).find((c) => c.id === 'custom-twin')!.name).toBe('Second');
  });

  it('an id already kept here with another definition: the link’s is shown, the kept one is unchanged', async () => {
    const ls = storage({ [STORE_KEY]: encodeStore([def('shared', 'Kept')]) });
    await loadStoredDefinitions();
    const before = ls.getItem(STORE_KEY);
    // The same definition as the kept one is no news.
    expect(await registerFromLink([await encodeDefinitionParam(def('shared', 'Kept'))])).toEqual([]);
    const link = await encodeDefinitionParam(def('shared', 'From the link'));
    expect(await registerFromLink([link])).toEqual([
      'This link\'s custom convention "From the link" has the id "shared", like "Kept", kept in this browser: the link\'s own definition is shown. The one kept here is unchanged; save this one under another id to keep both.',
    ]);
    expect(customConventions(useApp.getState().catalog).find((c) => c.id === 'custom-shared')!.name).toBe('From the link');
    expect(ls.getItem(STORE_KEY)).toBe(before);
  });
});

describe('the link to a custom convention', () => {
  it('carries its definition while it is open in the page, and not once it is deleted', async () => {
    storage({});
    const id = await saveDefinition(def('carried', 'Carried'));
    const view = { kind: 'single', convention: id, call: 'smccc-version', args: {}, step: 0 } as const;
    expect(linkFor({ ...useApp.getState(), view })).toContain(`def=${await encodeDefinitionParam(def('carried', 'Carried'))}`);
    deleteDefinition(id);
    expect(linkFor({ ...useApp.getState(), view })).not.toContain('def=');
  });
});

describe('fuzzing the kept store', () => {
  const anyStore = fc.oneof(
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    fc.jsonValue().map((v) => encodeStore([v])),
    fc.array(fc.oneof(fc.jsonValue(), fc.constant(gunyahLike())), { maxLength: 4 }).map((list) => encodeStore(list)),
    fc.record({ storageVersion: fc.oneof(fc.integer(), fc.string()), definitions: fc.jsonValue() }).map((o) => JSON.stringify(o)),
  );

  it('whatever is stored, start-up never throws, nothing stored is rewritten unless readable, and a new save survives', async () =>
    fc.assert(
      fc.asyncProperty(anyStore, async (text) => {
        dismissNotices();
        const ls = storage({ [STORE_KEY]: text });
        await loadStoredDefinitions();
        await saveDefinition(def('fuzz-new'));
        const after = ls.getItem(STORE_KEY)!;
        if (after !== text && text.trim() !== '') {
          // Rewritten only when it could be read: every entry it had is still there, as found. A store of an
          // older storage version keeps its entries elsewhere (version 0: customConventions) and migrates them.
          const was = JSON.parse(text) as { storageVersion?: unknown; definitions?: unknown[] };
          const now = JSON.parse(after) as { definitions: unknown[] };
          for (const e of was.storageVersion === STORAGE_VERSION && Array.isArray(was.definitions) ? was.definitions : []) {
            if ((e as { convention?: { id?: unknown } })?.convention?.id !== 'fuzz-new') expect(now.definitions).toContainEqual(e);
          }
        }
        await loadStoredDefinitions();
        expect(useKept.getState().kept.map((k) => k.id)).toContain('custom-fuzz-new');
      }),
      { numRuns: 150 },
    ));

  it('whatever the quota, a save never throws: it is kept, or said', async () =>
    fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20_000 }), async (quota) => {
        dismissNotices();
        const ls = storage({}, quota);
        await loadStoredDefinitions();
        await saveDefinition(def('quota'));
        const kept = ls.getItem(STORE_KEY) !== null;
        expect(kept || notice('unsaved') !== undefined).toBe(true);
      }),
      { numRuns: 60 },
    ));

  it('import files of any size up to 5,000 definitions are written once, every definition kept', async () =>
    fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5000 }), async (n) => {
        const ls = storage({});
        await loadStoredDefinitions();
        const { added } = await importDefinitions(encodeStore(Array.from({ length: n }, (_, i) => def(`f-${i}`))));
        expect(added).toHaveLength(n);
        expect(ls.writes).toBe(1);
        expect(useKept.getState().kept).toHaveLength(n);
      }),
      { numRuns: 4 },
    ), 300_000);
});
