import { afterEach, describe, expect, it, vi } from 'vitest';
import { familyLoaders } from '../catalog/families';
import corpus from '../share/permalink-corpus.json';
import { familyKeys, prefetchFamilies } from './family-keys';

/** The family keys whose loader prefetchFamilies called (the loaders resolve to nothing: no chunk is evaluated). */
function prefetched(link: string): string[] {
  const spies = Object.keys(familyLoaders).map((key) => [key, vi.spyOn(familyLoaders, key as keyof typeof familyLoaders).mockResolvedValue(undefined as never)] as const);
  prefetchFamilies(link);
  return spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([key]) => key);
}

describe('the families a link needs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are those holding its convention and call, and those of the calls that fit the convention', () => {
    expect([...familyKeys(['ffa-smc64'], ['ffa-msg-send-direct-req2'])].sort()).toEqual(['ffa']);
    expect([...familyKeys(['smccc-1.1-hvc64'], ['psci-cpu-on-64'])].sort()).toEqual(['smccc', 'smccc-more']);
    expect([...familyKeys([], ['xen-version'])]).toEqual(['xen']);
    expect([...familyKeys(['no-such-convention'], ['no-such-call'])]).toEqual([]);
  });

  // Guides and lessons name their panes by the guide's or lesson's id: their families load once the link is decoded.
  const naming = corpus.entries.filter((e) => !/^#\/(guide|lesson)\//.test(e.link));
  it('(the corpus has links of several formats that name their ids)', () => expect(new Set(naming.map((e) => e.format)).size).toBeGreaterThan(1));
  it.each(naming.map((e) => [e.link, e.view] as const))('named in a link are fetched before the app runs, whatever its format: %s', (link, view) => {
    const panes = view.kind === 'compare' ? (view.panes ?? []) : [view as { convention: string; call: string }];
    const needed = [...familyKeys(panes.map((p) => p.convention), panes.map((p) => p.call))].filter((k) => k in familyLoaders);
    expect(prefetched(link)).toEqual(expect.arrayContaining(needed));
  });

  it('a link with no ids, or a malformed escape, fetches nothing and throws nothing', () => {
    expect(prefetched('#/%E0%A4%A/')).toEqual([]);
    expect(prefetched('#/lesson/no-such-lesson')).toEqual([]);
  });
});
