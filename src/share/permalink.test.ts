import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import corpus from './permalink-corpus.json';
import { firstCatalog } from '../catalog';
import { catalog } from '../catalog/all';
import { decodeLink, decodePermalink, encodePermalink, linkNeeds as needsOf, readLink } from './permalink';
import { derive } from './plans';
import { defaultView } from './view';
import type { ViewState } from './view';

/** What a reader sees of a decoded link: the view and the messages. */
function decoded(link: string) {
  const { state, messages } = decodePermalink(catalog, link);
  return { state, messages };
}
const linkNeeds = (link: string) => needsOf(readLink(link));

type JsonPane = { args?: Record<string, string>; memory?: Record<string, string> };
type Json = JsonPane & { panes?: ({ convention: string; call: string } & JsonPane)[] } & Record<string, unknown>;
const big = (a: Record<string, string>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, BigInt(v)]));
const values = (p: JsonPane) => ({ args: big(p.args ?? {}), ...(p.memory ? { memory: big(p.memory) } : {}) });

/** The corpus writes 64-bit values as hex strings; the decoder yields bigints. */
function viewFrom(j: Json): ViewState {
  if (j.panes) return { ...j, panes: j.panes.map((p) => ({ ...p, ...values(p) })) } as unknown as ViewState;
  return { ...j, ...values(j) } as unknown as ViewState;
}

const CURRENT_FORMAT = 2;

describe('permalink corpus: every link ever published opens the same view', () => {
  it.each(corpus.entries.map((e) => [e.link, e] as const))('%s', (link, entry) => {
    const d = decoded(link);
    expect(d.messages).toEqual([]);
    expect(d.state).toEqual(viewFrom(entry.view as Json));
    // Links of the current format are written back as they came; older ones as a current link to the same view.
    if (entry.format === CURRENT_FORMAT) expect(encodePermalink(d.state)).toBe(link);
    else expect(decoded(encodePermalink(d.state))).toEqual({ state: d.state, messages: [] });
  });

  it('counts steps in the link as the screen does: at=8 is step 8 (format 2), step=7 the same step (format 1)', () => {
    const now = decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?at=8').state;
    expect(now.step).toBe(7);
    expect(decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?step=7').state).toEqual(now);
    expect(encodePermalink(now)).toBe('#/smccc-1.1-hvc64/psci-cpu-on-64?at=8');
  });

  it('refuses at=0 and prefers at= over step= with a message', () => {
    expect(decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?at=0').messages[0]).toMatch(/steps count from 1/);
    const both = decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?step=2&at=5');
    expect(both.state.step).toBe(4);
    expect(both.messages[0]).toMatch(/Ignored step=2/);
  });
});

describe('decoding what a mail client or a person did to a link', () => {
  it('opens the default view for an empty fragment', () => {
    expect(decoded('')).toEqual({ state: defaultView, messages: [] });
    expect(decoded('#/')).toEqual({ state: defaultView, messages: [] });
  });

  it('names an unknown convention and falls back to the default view', () => {
    const d = decoded('#/smccc-9.9-hvc64/psci-cpu-on-64');
    expect(d.state).toEqual(defaultView);
    expect(d.messages[0]).toMatch(/convention Trapscope does not know \("smccc-9\.9-hvc64"\)/);
  });

  it('keeps the convention when only the call is unknown (a truncated link)', () => {
    const d = decoded('#/smccc-1.1-hvc64/psci-cpu-o');
    expect(d.state).toMatchObject({ convention: 'smccc-1.1-hvc64', call: 'psci-cpu-on-64' });
    expect(d.messages).toHaveLength(1);
  });

  it('ignores a bad argument with a message and keeps the rest', () => {
    const d = decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?x1=zzz&x2=0x10&x9=1&step=2');
    expect(d.state).toMatchObject({ args: { x2: 0x10n }, step: 2 });
    expect(d.messages).toHaveLength(2);
  });

  it('reads present=1 as presenter mode on any view, and names a present flag it cannot read', () => {
    expect(decoded('#/compare/smccc-1.0-hvc64/psci-cpu-on-64/smccc-1.1-hvc64/psci-cpu-on-64?present=1').state).toMatchObject({
      kind: 'compare',
      present: true,
    });
    const d = decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?present=yes');
    expect(d.state).not.toHaveProperty('present');
    expect(d.messages).toEqual(['Ignored present=yes: use present=1.']);
  });

  it('refuses a 64-bit value in an SMC32 slot', () => {
    const d = decoded('#/smccc-1.1-hvc32/psci-cpu-on-32?w1=0x100000000');
    expect(d.state).toMatchObject({ args: {} });
    expect(d.messages[0]).toMatch(/w1 holds 32 bits/);
  });

  it('reads a memory field the caller writes as m<area>.<field>, in a comparison after the pane number, and writes it back so', () => {
    const d = decoded('#/compare/ffa-smc64/ffa-mem-share-64/sev-es-ghcb-page/sev-ghcb-cpuid?1.m0.ep[0].attrs=0x1&2.m0.rax=0x80000008');
    expect(d.messages).toEqual([]);
    expect(d.state).toMatchObject({ panes: [{ memory: { '0:ep[0].attrs': 1n } }, { memory: { '0:rax': 0x80000008n } }] });
    expect(encodePermalink(d.state)).toBe('#/compare/ffa-smc64/ffa-mem-share-64/sev-es-ghcb-page/sev-ghcb-cpuid?1.m0.ep[0].attrs=0x1&2.m0.rax=0x80000008');
  });

  it('ignores, with a message, a memory field the caller does not write or the call does not have, and a value too wide for its field', () => {
    const d = decoded('#/sev-es-ghcb-page/sev-ghcb-cpuid?m0.rbx=0x1&m1.rax=0x1&m0.nothing=0x2&m0.protocol_version=0x10000&m0.rcx=0x3&m0.sw_exit_code=0x7b');
    expect(d.state).toMatchObject({ memory: { '0:rcx': 3n } });
    expect(d.messages).toEqual([
      'Ignored "m0.rbx": not a memory field the caller of SVM_EXIT_CPUID (through the GHCB) writes.',
      'Ignored "m1.rax": not a memory field the caller of SVM_EXIT_CPUID (through the GHCB) writes.',
      'Ignored "m0.nothing": not a memory field the caller of SVM_EXIT_CPUID (through the GHCB) writes.',
      'Ignored GHCB page protocol_version: 0x10000 needs more than 16 bits; GHCB page protocol_version holds 16 bits',
      'Ignored "m0.sw_exit_code": sw_exit_code holds the call\'s number, which the call sets.',
    ]);
    // A call without memory arguments has no memory fields to set.
    expect(decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?m0.rax=0x1').messages).toHaveLength(1);
  });

  it('clamps a step past the end', () => {
    const d = decoded('#/smccc-1.1-hvc64/psci-cpu-on-64?step=999');
    expect(d.state.step).toBe(9);
    expect(d.messages[0]).toMatch(/has 10 steps/);
  });

  it('says a link from an unknown format may come from a newer version', () => {
    expect(decoded('#9.abcdef').messages[0]).toMatch(/newer version/);
  });

  it.each(['#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3', '#/sev-es-ghcb-page/sev-ghcb-cpuid?m0.rax=0x80000008&m0.sw_exit_info_1=0x1&at=3'])('never throws and always yields a view that encodes again: mutations of %s', (valid) => {
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 8 }))
      .map(([a, b, s]) => valid.slice(0, Math.min(a, b)) + s + valid.slice(Math.max(a, b)));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          mutated,
          fc.nat(valid.length).map((n) => valid.slice(0, n)),
        ),
        (s) => {
          const d = decoded(s);
          expect(d.state.kind).toBe('single');
          expect(decoded(encodePermalink(d.state)).state).toEqual(d.state);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);
});

describe('what a link needs before decoding', () => {
  it('names the conventions and calls to load and the custom definitions it carries', () => {
    expect(linkNeeds('#/kvm-x86-vmcall/kvm-hc-kick-cpu?step=2')).toEqual({ conventions: ['kvm-x86-vmcall'], calls: ['kvm-hc-kick-cpu'], defs: [] });
    expect(linkNeeds('#/guide/x86-styles').conventions).toEqual(['kvm-x86-vmcall', 'vmware-x86-port-io', 'hyperv-x64-fast', 'xen-x86-64-vmcall']);
    expect(linkNeeds('#/guide/fast-calls').calls).toEqual([
      'hyperv-x64-send-synthetic-cluster-ipi',
      'hyperv-arm64-get-vp-registers',
      'psci-cpu-on-64',
      'psci-cpu-on-64',
    ]);
    expect(linkNeeds('#/compare/smccc-1.1-hvc64/psci-cpu-off/smccc-1.1-smc32/trng-rnd32?1.x1=2')).toEqual({
      conventions: ['smccc-1.1-hvc64', 'smccc-1.1-smc32'],
      calls: ['psci-cpu-off', 'trng-rnd32'],
      defs: [],
    });
    expect(linkNeeds('#/smccc-1.1-hvc64')).toEqual({ conventions: ['smccc-1.1-hvc64'], calls: [], defs: [] });
    expect(linkNeeds('#/custom-a/custom-a-x?def=1.abc&def=1.d%2De').defs).toEqual(['1.abc', '1.d-e']);
  });

  it('names the default view for a link that shows it', () => {
    const needs = { conventions: [defaultView.convention], calls: [defaultView.call], defs: [] };
    for (const link of ['', '#', '#/', 'garbage']) expect(linkNeeds(link), link).toEqual(needs);
    expect(linkNeeds('#/guide/no-such-guide')).toEqual(needs);
  });

  it('writes the definitions after the rest of the view, and the decoder ignores them', () => {
    const link = encodePermalink(defaultView, ['1.abc']);
    expect(link).toBe('#/smccc-1.1-hvc64/psci-cpu-on-64?def=1.abc');
    expect(decoded(link)).toEqual({ state: defaultView, messages: [] });
  });
});

describe('one reading, one decoding', () => {
  it('says what a link names that the catalog does not hold yet, and decodes the same reading once it does', () => {
    const link = readLink('#/kvm-x86-vmcall/kvm-hc-kick-cpu?step=2');
    expect(decodeLink(firstCatalog, link)).toEqual({ kind: 'needs', conventions: ['kvm-x86-vmcall'], calls: ['kvm-hc-kick-cpu'], defs: [] });
    expect(decodeLink(catalog, link)).toMatchObject({ kind: 'view', state: { convention: 'kvm-x86-vmcall', call: 'kvm-hc-kick-cpu', step: 2 } });
  });

  it('reports what is still missing as messages once told the catalog is final', () => {
    const d = decodeLink(firstCatalog, readLink('#/kvm-x86-vmcall/kvm-hc-kick-cpu'), true);
    expect(d.state).toEqual(defaultView);
    expect(d.messages.join(' ')).toContain('names a convention Trapscope does not know ("kvm-x86-vmcall")');
  });

  it('hands over the plans it made, so the view is not planned again', () => {
    for (const link of ['#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3', '#/guide/fast-calls?step=4', '#/nonsense']) {
      const d = decodePermalink(catalog, link);
      expect(d.derived, link).toEqual(derive(catalog, d.state));
    }
  });
});
