import { describe, expect, it } from 'vitest';
import { callsFor, findCall, findConvention, requireCall, requireConvention } from './index';
import { firstCatalog } from './index';
import { firstObserved, loadObserved, observedFor } from './observed';
import { decodeObserved } from './observed-schema';
import raw from './observed.json';
import { marshal } from '../model/plan';
import { unexplained, type ObservedData } from '../model/observed';
import { OBSERVED_NOTES, PLATFORM_NAMES } from './observed-notes';
import { catalog } from './all';

const observed: ObservedData = raw;

describe('observed.json (written by npm run check:cpu -- --write)', () => {
  it('decodes, values included', () => {
    expect(decodeObserved(raw)).toEqual({ ok: true, data: raw });
  });

  it('names only calls, conventions and runs that exist, and every call fits its convention', () => {
    for (const o of observed.observations) {
      const conv = findConvention(catalog, o.convention);
      expect(conv, o.convention).toBeDefined();
      expect(findCall(catalog, o.call), o.call).toBeDefined();
      expect(callsFor(catalog, conv!).map((c) => c.id)).toContain(o.call);
      expect(PLATFORM_NAMES[o.platform], o.platform).toBeDefined();
    }
  });

  it('has a fix or a note for every result that differs from the catalog', () => {
    for (const o of observed.observations) {
      const plan = marshal(requireConvention(catalog, o.convention), requireCall(catalog, o.call));
      expect(unexplained(o, plan, OBSERVED_NOTES), `${o.platform} ${o.call}`).toBeUndefined();
    }
  });

  it('shows PSCI_VERSION as QEMU returned it', () => {
    const lines = observedFor(marshal(requireConvention(catalog, 'smccc-1.1-hvc32'), requireCall(catalog, 'psci-version')), observed, (id) => id);
    expect(lines.map((l) => l.text)).toContain(
      'PSCI_VERSION returned w0 = 0x10001; of the registers loaded before the call, only x0 changed (30 kept their values).',
    );
  });

  it('comes in two parts: the first load has the runs of its own calls, and loading the rest gives every run once, in order', async () => {
    const first = new Set(firstCatalog.calls.map((c) => c.id));
    expect(firstObserved.observations.length).toBeGreaterThan(0);
    expect(firstObserved.observations.every((o) => first.has(o.call))).toBe(true);
    expect(firstObserved.observations).toEqual(observed.observations.filter((o) => first.has(o.call)));
    const all = await loadObserved();
    expect(all.platforms).toEqual(observed.platforms);
    expect(all.observations).toHaveLength(observed.observations.length);
    // Each call's runs stay in the file's order (observedLines lists them so).
    const runsOf = (d: ObservedData, call: string) => d.observations.filter((o) => o.call === call);
    for (const { call } of observed.observations) expect(runsOf(all, call)).toEqual(runsOf(observed, call));
  });

  it('reads a damaged file as a message and no observations', () => {
    const bad = decodeObserved({ generatedBy: 'x', platforms: {}, observations: [{ platform: 1 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/observations\.0\.platform/);
  });
});
