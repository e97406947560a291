import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { smcccHvc64 } from '../share/custom/fixtures';
import { encodeStore } from '../share/custom/storage';
import type { CustomDefinition } from '../share/custom/schema';
import type { Phase } from '../store/store';
import { customConventions } from '../store/custom-links';
import { useApp } from '../store/store';
import { boot, OPENING_STATUS_AFTER, type BootSteps } from './boot';
import { prerender } from './prerender';
import { app, loadKept, readStorage } from './start';

/** Steps that record what boot() did, in order; `fail` names a step that rejects as a chunk that did not arrive would. */
function recorded(link: boolean, fail?: keyof BootSteps) {
  const done: string[] = [];
  const step = (name: keyof BootSteps) => async () => {
    done.push(name);
    if (name === fail) throw new Error(`${name} did not load`);
  };
  const steps: BootSteps = {
    link,
    setPhase: (phase: Phase) => void done.push(phase),
    readStorage: () => void done.push('readStorage'),
    hydrate: step('hydrate'),
    render: () => void done.push('render'),
    loadKept: step('loadKept'),
    syncAddress: step('syncAddress'),
  };
  return { steps, done };
}

describe('boot', () => {
  it('hydrates the default view, then loads what the browser keeps and syncs the address, then is live', async () => {
    const { steps, done } = recorded(false);
    await boot(steps);
    expect(done).toEqual(['readStorage', 'hydrating', 'hydrate', 'loadKept', 'syncAddress', 'live']);
  });

  it('under a link, draws nothing until the linked view is loaded, then draws it live, once', async () => {
    const { steps, done } = recorded(true);
    await boot(steps);
    expect(done).toEqual(['readStorage', 'opening', 'loadKept', 'syncAddress', 'live', 'render']);
  });

  it('under a link slow to open, draws the opening status after a moment, and not again with the view', async () => {
    vi.useFakeTimers();
    try {
      const { steps, done } = recorded(true);
      let opened = () => {};
      steps.syncAddress = () => new Promise<void>((resolve) => (opened = resolve));
      const booted = boot(steps);
      await vi.advanceTimersByTimeAsync(OPENING_STATUS_AFTER - 1);
      expect(done).toEqual(['readStorage', 'opening', 'loadKept']);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toEqual(['readStorage', 'opening', 'loadKept', 'render']);
      opened();
      await booted;
      expect(done).toEqual(['readStorage', 'opening', 'loadKept', 'render', 'live']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a part that does not arrive ends in the failed phase (a message with Reload), drawn, and the error is reported', async () => {
    const { steps, done } = recorded(true, 'syncAddress');
    await expect(boot(steps)).rejects.toThrow('syncAddress did not load');
    expect(done.slice(-2)).toEqual(['failed', 'render']);
    expect(done).not.toContain('live');
  });
});

/** localStorage as a browser that has been used before keeps it. */
function storage(entries: Record<string, string>): Storage {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('hydration', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('with a theme, an editor draft and kept conventions stored, the first render is the pre-rendered markup', async () => {
    const built = prerender();
    vi.stubGlobal(
      'localStorage',
      storage({
        'trapscope-theme': 'dark',
        'trapscope-custom-draft': '{ "trapscope": "custom-convention", "convention": {',
        'trapscope-custom': encodeStore([smcccHvc64() as unknown as CustomDefinition]),
      }),
    );
    let hydrated: string | undefined;
    await boot({
      link: false,
      setPhase: (phase) => useApp.getState().setPhase(phase),
      readStorage,
      // What React renders while hydrating: the page as start.tsx gives it, from the store's server snapshot.
      hydrate: async () => void (hydrated = renderToString(app)),
      render: () => expect.unreachable('the default view is hydrated, not drawn afresh'),
      loadKept,
      syncAddress: async () => {},
    });
    expect(hydrated).toBe(built);
    // What was stored is read, and drawn once hydrated: the test would pass for nothing otherwise.
    expect(useApp.getState()).toMatchObject({ theme: 'dark', phase: 'live', draft: expect.stringContaining('custom-convention') });
    expect(customConventions(useApp.getState().catalog).map((c) => c.name)).toEqual(['My SMCCC 1.1 HVC64']);
  });
});
