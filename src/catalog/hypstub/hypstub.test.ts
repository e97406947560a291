import { describe, expect, it } from 'vitest';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { hypstubCalls, hypstubConventions } from './index';
import { catalog } from '../all';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * Values as the kernel sources write them, typed in here by hand so that a
 * wrong number in the catalog fails a test:
 *   arch/arm64/include/asm/virt.h: HVC_SET_VECTORS 0, HVC_SOFT_RESTART 1,
 *     HVC_RESET_VECTORS 2, HVC_FINALISE_EL2 3, HVC_STUB_ERR 0xbadca11
 *   torvalds/linux@03263ac9 arm64 virt.h: HVC_GET_VECTORS 0, HVC_SET_VECTORS 1
 *   pre-rework copy of arm64 virt.h: HVC_SOFT_RESTART 2
 *   arch/arm/include/asm/virt.h: HVC_SET_VECTORS 0, HVC_SOFT_RESTART 1
 *   torvalds/linux@0af0b189 arch/arm/kernel/hyp-stub.S: "cmp r0, #-1"
 */
const SOURCE_NUMBERS: Record<string, bigint> = {
  'hypstub-arm64-set-vectors': 0x0n,
  'hypstub-arm64-soft-restart': 0x1n,
  'hypstub-arm64-reset-vectors': 0x2n,
  'hypstub-arm64-finalise-el2': 0x3n,
  'hypstub-arm64-pre-4.12-get-vectors': 0x0n,
  'hypstub-arm64-pre-4.12-set-vectors': 0x1n,
  'hypstub-arm64-pre-4.12-soft-restart': 0x2n,
  'hypstub-arm32-set-vectors': 0x0n,
  'hypstub-arm32-soft-restart': 0x1n,
  'hypstub-arm32-pre-4.12-get-vectors': 0xffffffffn,
};

describe('hyp-stub call numbers match the kernel sources', () => {
  it.each(Object.entries(SOURCE_NUMBERS).map(([id, n]) => [id, `0x${n.toString(16).toUpperCase()}`, n] as const))('%s = %s', (id, _hex, n) => {
    expect(call(id).number.value).toBe(n);
    expect(call(id).number.stated.value).toBe(n);
  });

  it('lists exactly the calls above plus the numberless pre-4.12 arm32 set', () => {
    expect(hypstubCalls.map((c) => c.id).sort()).toEqual([...Object.keys(SOURCE_NUMBERS), 'hypstub-arm32-pre-4.12-set-vectors'].sort());
  });

  it('keeps every call to its own era: numbers differ between eras', () => {
    for (const c of hypstubConventions) {
      const ids = callsFor(catalog, c).map((x) => x.id);
      expect(ids.length, c.id).toBeGreaterThan(0);
      for (const id of ids) expect(id.startsWith(`${c.id}-`), `${id} under ${c.id}`).toBe(true);
      // an era's prefix is not mistaken for another's ('hypstub-arm64-' also prefixes the pre-4.12 ids)
      if (!c.id.endsWith('pre-4.12')) for (const id of ids) expect(id.includes('pre-4.12'), `${id} under ${c.id}`).toBe(false);
    }
  });

  it('answers an unknown number with HVC_STUB_ERR 0xbadca11 on both current stubs', () => {
    for (const id of ['hypstub-arm64', 'hypstub-arm32']) {
      expect(conv(id).unknownCall?.value).toBe(0xbadca11n);
      expect(conv(id).unknownCall?.name).toMatch(/^HVC_STUB_ERR/);
    }
    const plan = marshal(conv('hypstub-arm64'), call('hypstub-arm64-reset-vectors'), { x0: 4n });
    expect(plan.callNumberIsCatalog).toBe(false);
    expect(plan.outputs).toEqual([expect.objectContaining({ register: 'x0', value: 0xbadca11n })]);
  });

  it('has no HVC_STUB_ERR before the rework', () => {
    expect(conv('hypstub-arm64-pre-4.12').unknownCall).toBeUndefined();
    expect(conv('hypstub-arm32-pre-4.12').unknownCall).toBeUndefined();
  });

  it('does not return from SOFT_RESTART', () => {
    for (const c of hypstubCalls.filter((x) => x.id.endsWith('soft-restart'))) expect(c.returnsOnSuccess, c.id).toBe(false);
    for (const c of hypstubCalls.filter((x) => !x.id.endsWith('soft-restart'))) expect(c.returnsOnSuccess, c.id).toBe(true);
  });
});

describe('hyp-stub register placement', () => {
  it('arm32: the stub in AArch32 Hyp mode reads the syndrome from HSR (0x4A000000), not ESR_EL2', () => {
    for (const id of ['hypstub-arm32', 'hypstub-arm32-pre-4.12']) {
      const c = conv(id);
      const plan = marshal(c, callsFor(catalog, c)[0]!);
      expect(plan.trap.syndrome?.register, id).toBe('HSR');
      expect(plan.trap.syndrome?.value, id).toBe(0x4a000000n);
      expect(plan.steps.find((s) => s.phase === 'trap')!.text, id).toContain('HSR = 0x4A000000');
    }
    // A guest in AArch32 under an AArch64 hypervisor: the same trap lands in ESR_EL2.
    const smccc = conv('smccc-1.1-hvc32-aarch32');
    expect(marshal(smccc, callsFor(catalog, smccc)[0]!).trap.syndrome?.register).toBe('ESR_EL2');
  });

  it('arm64: hvc #0, number in x0, SOFT_RESTART takes x1-x4 (x2-x4 become the next x0-x2)', () => {
    const plan = marshal(conv('hypstub-arm64'), call('hypstub-arm64-soft-restart'));
    expect(plan.trap.instruction).toEqual({ text: 'hvc #0', hex: '0xD4000002' });
    expect(plan.trap.syndrome?.value).toBe(0x5a000000n);
    expect(plan.inputs.map((s) => [s.register, s.kind])).toEqual([
      ['x0', 'selector'],
      ['x1', 'argument'],
      ['x2', 'argument'],
      ['x3', 'argument'],
      ['x4', 'argument'],
    ]);
    expect(plan.inputs[0]!.value).toBe(1n);
    expect(plan.inputs.map((s) => s.name)).toEqual(['stub hypercall number', 'restart address', 'next x0', 'next x1', 'next x2']);
  });

  it('arm64: SET_VECTORS takes x1, returns 0 in x0, and may clobber x0-x18 but not x19', () => {
    const plan = marshal(conv('hypstub-arm64'), call('hypstub-arm64-set-vectors'), { x1: 0x40000800n });
    expect(plan.inputs.find((s) => s.register === 'x1')!.value).toBe(0x40000800n);
    expect(plan.outputs).toEqual([expect.objectContaining({ register: 'x0', value: 0n })]);
    expect(plan.lost).toContain('x18');
    expect(plan.lost).toContain('x1');
    expect(plan.lost).not.toContain('x19');
    expect(plan.preserved).toEqual(expect.arrayContaining(['x19', 'x30', 'sp']));
  });

  it('arm32: __HVC(0) is 0xE1400070, number in r0, address in r1, r0-r3 and ip clobbered', () => {
    const plan = marshal(conv('hypstub-arm32'), call('hypstub-arm32-soft-restart'));
    expect(plan.trap.instruction.hex).toBe('0xE1400070');
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['r0', 1n],
      ['r1', 0x60008000n],
    ]);
    const set = marshal(conv('hypstub-arm32'), call('hypstub-arm32-set-vectors'));
    expect(set.lost).toEqual(expect.arrayContaining(['r1', 'r2', 'r3', 'r12']));
    expect(set.lost).not.toContain('r4');
    expect(set.preserved).toEqual(expect.arrayContaining(['r4', 'r11', 'r13', 'r14']));
  });

  it('pre-4.12 arm32: r0 = -1 (0xFFFFFFFF) reads HVBAR back into r0', () => {
    const plan = marshal(conv('hypstub-arm32-pre-4.12'), call('hypstub-arm32-pre-4.12-get-vectors'));
    expect(plan.inputs).toEqual([expect.objectContaining({ register: 'r0', kind: 'selector', value: 0xffffffffn })]);
    expect(plan.outputs.map((o) => o.register)).toEqual(['r0']);
  });

  it('pre-4.12 arm64: GET_VECTORS is 0 and SET_VECTORS 1 takes x1', () => {
    const get = marshal(conv('hypstub-arm64-pre-4.12'), call('hypstub-arm64-pre-4.12-get-vectors'));
    expect(get.inputs.map((s) => [s.register, s.value])).toEqual([['x0', 0n]]);
    const set = marshal(conv('hypstub-arm64-pre-4.12'), call('hypstub-arm64-pre-4.12-set-vectors'));
    expect(set.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 1n],
      ['x1', 0x40080800n],
    ]);
  });
});

describe('hyp-stub conventions say what they are', () => {
  it.each(hypstubConventions.map((c) => [c.id, c] as const))('%s: not a guest ABI, only documented in the kernel tree', (_, c) => {
    expect(c.notes.some((n) => /Not a guest-to-hypervisor ABI/.test(n.text))).toBe(true);
    expect(c.notes.some((n) => /outside the kernel tree/.test(n.text))).toBe(true);
    expect(c.eraLinks?.length).toBeGreaterThan(0);
  });

  it('links eras both ways', () => {
    for (const c of hypstubConventions)
      for (const l of c.eraLinks ?? []) {
        const back = conv(l.id).eraLinks?.find((x) => x.id === c.id);
        expect(back, `${l.id} -> ${c.id}`).toBeDefined();
        if (l.relation === 'earlier') expect(back!.relation).toBe('later');
        if (l.relation === 'later') expect(back!.relation).toBe('earlier');
      }
  });

  it('quotes the clobber rule from hyp-abi.rst on both current conventions', () => {
    expect(conv('hypstub-arm64').clobbered).toEqual(Array.from({ length: 19 }, (_, i) => `x${i}`));
    expect(conv('hypstub-arm32').clobbered).toEqual(['r0', 'r1', 'r2', 'r3', 'ip']);
    for (const id of ['hypstub-arm64', 'hypstub-arm32'])
      expect(
        conv(id).roleSources.clobbered.some(
          (s) => s.where.includes('x0-x18 on arm64, r0-r3 and\nip on arm') || s.where.includes('x0-x18 on arm64, r0-r3 and ip on arm'),
        ),
      ).toBe(true);
  });
});
