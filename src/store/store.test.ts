import { describe, expect, it } from 'vitest';
import { callsFor, loadFamilies, requireConvention, type Catalog } from '../catalog';
import { catalog as whole } from '../catalog/all';
import { moreSmcccCalls } from '../catalog/smccc/more-calls';
import corpus from '../share/permalink-corpus.json';
import { decodePermalink } from '../share/permalink';
import { familyKeys } from './family-keys';
import { useApp } from './store';

/**
 * A page starts from much less than the whole catalog: SMCCC's conventions
 * and first calls (firstCatalog). Each test starts the store afresh, so
 * anything beyond the eager data arrives only through the store's loading.
 */
const initial = useApp.getState();
function page() {
  useApp.setState(initial, true);
  return { useApp, catalog: () => useApp.getState().catalog };
}

const callIds = (cat: Catalog, conv: string) => callsFor(cat, requireConvention(cat, conv)).map((c) => c.id);
/** Every call the convention offers once everything is loaded. */
const allCallIds = (conv: string) => callIds(whole, conv);

describe('loading the less-used SMCCC calls', () => {
  it('starts from the default view, computed from the eager SMCCC data alone', async () => {
    const { catalog, useApp } = page();
    const { view, plan } = useApp.getState();
    expect(view).toEqual({ kind: 'single', convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64', args: {}, step: 0 });
    expect(plan.call.id).toBe('psci-cpu-on-64');
    for (const c of moreSmcccCalls) expect(catalog().byId.calls.has(c.id), c.id).toBe(false);
    expect(callIds(catalog(), 'smccc-1.1-hvc64')).not.toContain('psci-cpu-off');
  });

  it('loads every call an SMCCC convention offers with the convention', async () => {
    const { catalog } = page();
    // AArch32's conventions are a chunk of their own whose calls are all in the other SMCCC chunks.
    const aarch32 = await loadFamilies(catalog(), familyKeys(['smccc-1.2-hvc32-aarch32']));
    expect(callIds(aarch32, 'smccc-1.2-hvc32-aarch32')).toEqual(allCallIds('smccc-1.2-hvc32-aarch32'));
    const both = await loadFamilies(aarch32, familyKeys(['smccc-1.1-hvc64']));
    expect(callIds(both, 'smccc-1.1-hvc64')).toContain('psci-cpu-suspend-64');
    // CPU_OFF has an SMC32 function ID only, so it is offered under the 32-bit conventions; they are SMCCC's too.
    expect(callIds(both, 'smccc-1.1-hvc32')).toContain('psci-cpu-off');
    for (const conv of ['smccc-1.1-hvc64', 'smccc-1.0-smc32', 'smccc-1.2-hvc32-aarch32']) expect(callIds(both, conv), conv).toEqual(allCallIds(conv));
    // Loading makes a new catalog: the store's is the one it started with.
    expect(catalog().families.has('smccc-aarch32')).toBe(false);
  });

  it('opens a link to a call in the lazy family', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/smccc-1.1-hvc32/psci-cpu-off');
    const { view, linkMessages, plan } = useApp.getState();
    expect(linkMessages).toEqual([]);
    expect(view).toMatchObject({ kind: 'single', convention: 'smccc-1.1-hvc32', call: 'psci-cpu-off' });
    expect(plan.inputs[0]!.value).toBe(0x84000002n);
  });

  it('hydrating: a link naming the view on screen keeps its plan, and the call picker offers the calls that arrived', async () => {
    const { useApp } = page();
    const { plan } = useApp.getState();
    expect(useApp.getState().offered[0]!.map((c) => c.id)).not.toContain('psci-cpu-suspend-64');
    await useApp.getState().openLink('#/smccc-1.1-hvc64/psci-cpu-on-64');
    expect(useApp.getState().plan).toBe(plan);
    expect(useApp.getState().offered[0]!.map((c) => c.id)).toContain('psci-cpu-suspend-64');
    await useApp.getState().openLink('#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x2');
    expect(useApp.getState().plan).not.toBe(plan);
    expect(useApp.getState().plan.inputs.find((i) => i.register === 'x1')?.value).toBe(2n);
  });

  it('keeps a step taken while a link loads its calls, and the pickers still gain them', async () => {
    const { useApp } = page();
    const opening = useApp.getState().openLink('#/smccc-1.1-hvc64/psci-cpu-on-64');
    useApp.getState().setStep(3);
    await opening;
    expect(useApp.getState().view).toMatchObject({ convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64', step: 3 });
    expect(useApp.getState().offered[0]!.map((c) => c.id)).toContain('psci-cpu-suspend-64');
  });

  it('shows the latest of two links, whichever loads first', async () => {
    for (const [slow, fast] of [
      ['#/gunyah-smccc/gunyah-vcpu-run', '#/smccc-1.1-hvc64/psci-cpu-on-64?step=2'],
      ['#/smccc-1.1-hvc64/psci-cpu-on-64?step=2', '#/gunyah-smccc/gunyah-vcpu-run'],
    ]) {
      const { useApp } = page();
      await Promise.all([useApp.getState().openLink(slow!), useApp.getState().openLink(fast!)]);
      expect(useApp.getState().view).toEqual(decodePermalink(whole, fast!).state);
    }
  });

  it('takes ids from a link as names, not as keys of an object', async () => {
    const { useApp } = page();
    for (const id of ['constructor', '__proto__', 'toString']) {
      await useApp.getState().openLink(`#/${id}/${id}`);
      expect(useApp.getState().view, id).toMatchObject({ kind: 'single', convention: 'smccc-1.1-hvc64' });
      expect(useApp.getState().linkMessages.length, id).toBeGreaterThan(0);
    }
  });

  it('says of #/smccc-1.1-hvc64/psci-cpu-off what the whole catalog says: an SMC32 call, not an unknown one', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/smccc-1.1-hvc64/psci-cpu-off');
    expect(useApp.getState().linkMessages).toEqual([
      'This link names PSCI CPU_OFF, which cannot be made under SMCCC 1.1 · HVC64; showing the first call of that convention.',
    ]);
  });

  it('opens a comparison link whose panes show lazy calls', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/compare/smccc-1.1-hvc64/trng-rnd64/smccc-1.1-smc32/trng-rnd32');
    const { view, linkMessages } = useApp.getState();
    expect(linkMessages).toEqual([]);
    expect(view.kind === 'compare' && view.panes.map((p) => p.call)).toEqual(['trng-rnd64', 'trng-rnd32']);
  });

  it('loads a named call even under a convention it does not fit, so the message says why', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/kvm-x86-vmcall/psci-cpu-off');
    expect(useApp.getState().linkMessages.join(' ')).toContain('cannot be made under');
  });

  it('completes the call picker of the default view, whatever link falls back to it', async () => {
    for (const link of ['', '#/', 'garbage', '#/no-such-convention/psci-cpu-off', '#/no-such-convention/no-such-call', '#/guide/no-such-guide']) {
      const { catalog, useApp } = page();
      await useApp.getState().openLink(link);
      expect(useApp.getState().view, link).toMatchObject({ convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' });
      expect(callIds(catalog(), 'smccc-1.1-hvc64'), link).toEqual(allCallIds('smccc-1.1-hvc64'));
    }
  });

  it.each([
    ...corpus.entries.map((e) => e.link),
    '#/smccc-1.1-hvc64/psci-cpu-suspend-64?x1=0x10&step=2',
    '#/smccc-1.2-smc64/trng-rnd64',
    '#/smccc-1.0-hvc32-aarch32/kvm-vendor-ptp',
    '#/compare/smccc-1.1-hvc32/psci-cpu-off/hyperv-arm64-smccc/hyperv-arm64-get-vp-registers',
    '#/kvm-x86-vmcall/psci-cpu-off',
    '#/smccc-1.1-hvc64/no-such-call',
  ])('opens %s as the whole catalog does, with every call in its pickers', async (link) => {
    const { catalog, useApp } = page();
    await useApp.getState().openLink(link);
    const { state, messages } = decodePermalink(whole, link);
    const { view, linkMessages } = useApp.getState();
    expect({ view, linkMessages }).toEqual({ view: state, linkMessages: messages });
    for (const p of view.kind === 'single' ? [view] : view.panes) expect(callIds(catalog(), p.convention), p.convention).toEqual(allCallIds(p.convention));
  });

  it('opens a search result in the lazy family under the conventions the manifest lists', async () => {
    const { useApp } = page();
    const hit = (await import('virtual:trapscope-calls')).default.find((c) => c.id === 'pv-time-st')!;
    expect(hit.key).toBe('smccc-more');
    await useApp.getState().openCall(hit.id, hit.conventions);
    expect(useApp.getState().view).toMatchObject({ kind: 'single', convention: 'smccc-1.1-hvc64', call: 'pv-time-st' });
  });

  it('switching from another family to an SMCCC convention brings its calls', async () => {
    const { catalog, useApp } = page();
    await useApp.getState().openLink('#/kvm-x86-vmcall/kvm-hc-kick-cpu');
    expect(catalog().families.has('smccc-more')).toBe(false);
    await useApp.getState().selectConvention('smccc-1.1-hvc32');
    expect(useApp.getState().view).toMatchObject({ convention: 'smccc-1.1-hvc32' });
    expect(callIds(catalog(), 'smccc-1.1-hvc32')).toEqual(allCallIds('smccc-1.1-hvc32'));
  });

  it('opens a guide with every call of its conventions', async () => {
    const { catalog, useApp } = page();
    await useApp.getState().openGuide('smccc-versions');
    expect(useApp.getState().view.kind).toBe('compare');
    expect(callIds(catalog(), 'smccc-1.0-hvc64')).toEqual(allCallIds('smccc-1.0-hvc64'));
  });
});

describe('memory fields typed in the argument editor', () => {
  it('a valid value goes into the view and the plan; a bad one stays as typed with a message; the call’s example drops it again', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/sev-es-ghcb-page/sev-ghcb-cpuid');
    const trapValues = () => useApp.getState().plan.steps.find((s) => s.phase === 'trap')!.memory!.values;
    useApp.getState().setMemoryText('0:rax', '0x80000008');
    expect(useApp.getState().view).toMatchObject({ memory: { '0:rax': 0x80000008n } });
    expect(trapValues()['0:rax']).toBe(0x80000008n);
    useApp.getState().setMemoryText('0:protocol_version', '0x10000');
    expect(useApp.getState().argErrors['mem:0:protocol_version']).toBe('GHCB page protocol_version: 0x10000 needs more than 16 bits; GHCB page protocol_version holds 16 bits');
    expect(useApp.getState().argText['mem:0:protocol_version']).toBe('0x10000');
    expect(trapValues()['0:protocol_version']).toBe(2n);
    useApp.getState().setMemoryText('0:rax', '0x8000001F');
    expect(useApp.getState().view).not.toHaveProperty('memory');
  });

  it('ignores a field the caller does not write, and drops the values when another call is chosen', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/sev-es-ghcb-page/sev-ghcb-cpuid?m0.rcx=0x1');
    useApp.getState().setMemoryText('0:rbx', '0x1');
    expect(useApp.getState().view).toMatchObject({ memory: { '0:rcx': 1n } });
    expect(useApp.getState().argErrors).toEqual({});
    useApp.getState().selectCall('sev-ghcb-mmio-read');
    expect(useApp.getState().view).toMatchObject({ kind: 'single', call: 'sev-ghcb-mmio-read' });
    expect(useApp.getState().view).not.toHaveProperty('memory');
  });

  it('a comparison opened from the call keeps its memory values in pane 1', async () => {
    const { useApp } = page();
    await useApp.getState().openLink('#/sev-es-ghcb-page/sev-ghcb-cpuid?m0.rcx=0x1');
    await useApp.getState().openCompare();
    const view = useApp.getState().view;
    expect(view.kind === 'compare' && view.panes[0]).toMatchObject({ memory: { '0:rcx': 1n } });
  });
});
