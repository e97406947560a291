import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '../catalog';
import { marshal, PlanError } from './plan';
import { catalog } from '../catalog/all';

const range = (p: string, a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `${p}${a + i}`);
const cpuOn = findCall(catalog, 'psci-cpu-on-64')!;
const conv = (id: string) => findConvention(catalog, id)!;

describe('PSCI CPU_ON (64) over SMCCC HVC64', () => {
  const plan = marshal(conv('smccc-1.1-hvc64'), cpuOn, { x1: 0x1n });

  it('loads the function id, then each argument, in register order', () => {
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 0xc4000003n],
      ['x1', 0x1n],
      ['x2', 0x80080000n],
      ['x3', 0n],
    ]);
    const loads = plan.steps.filter((s) => s.phase === 'marshal' && s.writes.length).map((s) => s.writes[0]!.cell);
    expect(loads).toEqual(['x0', 'x1', 'x2', 'x3']);
  });

  it('runs marshal, trap, handle, return, unpack in that order', () => {
    const phases = plan.steps.map((s) => s.phase);
    expect([...new Set(phases)]).toEqual(['marshal', 'trap', 'handle', 'return', 'unpack']);
    expect(phases).toEqual([...phases].sort((a, b) => order(a) - order(b)));
  });

  it('traps with hvc #0 to EL2, which reads ESR_EL2 = 0x5A000000', () => {
    const trap = plan.steps.find((s) => s.phase === 'trap')!;
    expect(trap.level).toBe('EL2');
    expect(trap.trap!.instruction).toEqual({ text: 'hvc #0', hex: '0xD4000002' });
    expect(trap.trap!.syndrome!.value).toBe(0x5a000000n);
    expect(trap.trap!.syndrome!.fields).toEqual({ EC: 0x16n, IL: 1n, ISS: 0n });
  });

  it('SMCCC 1.1 keeps x4–x17; x1–x3 are unknown; x0 holds the result', () => {
    expect(plan.preserved).toEqual(expect.arrayContaining(range('x', 4, 17)));
    expect(plan.lost).toEqual(range('x', 1, 3));
    const last = plan.steps.at(-1)!;
    expect(last.cells.x0).toMatchObject({ role: 'result', value: 0n });
    expect(last.cells.x5).toMatchObject({ role: 'preserved' });
    expect(last.cells.x2).toMatchObject({ role: 'clobbered', value: undefined });
  });

  it('SMCCC 1.0 leaves x4–x17 unknown instead', () => {
    const p10 = marshal(conv('smccc-1.0-hvc64'), cpuOn);
    expect(p10.lost).toEqual(range('x', 1, 17));
    expect(p10.preserved).not.toContain('x4');
    expect(p10.steps.at(-1)!.cells.x9).toMatchObject({ role: 'clobbered', value: undefined });
    expect(p10.steps.some((s) => s.phase === 'handle' && /x4–x17/.test(s.text))).toBe(true);
  });

  it('SMCCC 1.2 keeps x4–x17 unless a call returns values in them', () => {
    const p12 = marshal(conv('smccc-1.2-hvc64'), cpuOn);
    expect(p12.lost).toEqual(range('x', 1, 3));
    expect(p12.preserved).toEqual(expect.arrayContaining(range('x', 4, 17)));
  });
});

describe('other conduits and widths', () => {
  it('smc goes to EL3; EL2 sees it only through HCR_EL2.TSC', () => {
    const p = marshal(conv('smccc-1.1-smc64'), cpuOn);
    expect(p.trap.to).toBe('EL3');
    expect(p.trap.trappedBy?.control).toBe('HCR_EL2.TSC');
    expect(p.trap.syndrome!.value).toBe(0x5e000000n);
    expect(p.steps.find((s) => s.phase === 'trap')!.text).toMatch(/EL2 sees it only if HCR_EL2\.TSC traps it/);
  });

  it('an SMC32 call from AArch64 uses the w registers', () => {
    const p = marshal(conv('smccc-1.1-hvc32'), findCall(catalog, 'psci-cpu-on-32')!);
    expect(p.inputs.map((s) => s.register)).toEqual(['w0', 'w1', 'w2', 'w3']);
    expect(p.inputs.map((s) => s.cell)).toEqual(['x0', 'x1', 'x2', 'x3']);
    expect(p.inputs[0]!.value).toBe(0x84000003n);
  });

  it('an AArch32 caller uses r0–r3 and sees EC 0x12', () => {
    const p = marshal(conv('smccc-1.1-hvc32-aarch32'), findCall(catalog, 'psci-cpu-on-32')!);
    expect(p.inputs.map((s) => s.register)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(p.trap.instruction.hex).toBe('0xE1400070');
    expect(p.trap.syndrome!.value).toBe(0x4a000000n);
  });

  it('answers SMCCC_VERSION with the era’s own version', () => {
    const v = findCall(catalog, 'smccc-version')!;
    expect(marshal(conv('smccc-1.0-hvc32'), v).outputs[0]!.value).toBe(0xffffffffn);
    expect(marshal(conv('smccc-1.1-hvc32'), v).outputs[0]!.value).toBe(0x10001n);
    expect(marshal(conv('smccc-1.2-hvc32'), v).outputs[0]!.value).toBe(0x10002n);
  });

  it('KVM CALL_UID returns its UID in w0–w3', () => {
    const p = marshal(conv('smccc-1.1-hvc32'), findCall(catalog, 'kvm-vendor-call-uid')!);
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([
      ['w0', 0xb66fb428n],
      ['w1', 0xe911c52en],
      ['w2', 0x564bcaa9n],
      ['w3', 0x743a004dn],
    ]);
  });
});

describe('what the reader changes', () => {
  it('an unknown function id is answered with NOT_SUPPORTED', () => {
    const p = marshal(conv('smccc-1.1-hvc64'), cpuOn, { x0: 0xc400ffffn });
    expect(p.callNumberIsCatalog).toBe(false);
    expect(p.outputs[0]).toMatchObject({ register: 'x0', value: 0xffffffffffffffffn });
  });

  it('a value too wide for its slot is refused', () => {
    expect(() => marshal(conv('smccc-1.1-hvc32'), findCall(catalog, 'psci-cpu-on-32')!, { w1: 0x100000000n })).toThrow(PlanError);
  });

  it('a call cannot be made under a convention of the other width', () => {
    expect(() => marshal(conv('smccc-1.1-hvc32'), cpuOn)).toThrow(PlanError);
  });
});

function order(p: string): number {
  return ['marshal', 'trap', 'handle', 'return', 'unpack'].indexOf(p);
}

describe('the cells a register file draws', () => {
  it('hides vector registers a call never uses and keeps those it does', () => {
    const kick = marshal(findConvention(catalog, 'kvm-x86-vmcall')!, findCall(catalog, 'kvm-hc-kick-cpu')!);
    expect(kick.drawnCells).toContain('rax');
    expect(kick.drawnCells.filter((c) => c.startsWith('xmm'))).toEqual([]);
    const flush = marshal(findConvention(catalog, 'hyperv-x64-xmm-fast')!, findCall(catalog, 'hyperv-x64-flush-virtual-address-space-xmm')!);
    expect(flush.drawnCells).toContain('xmm0');
    expect(marshal(findConvention(catalog, 'smccc-1.1-hvc64')!, cpuOn).drawnCells).toEqual(
      marshal(findConvention(catalog, 'smccc-1.1-hvc64')!, cpuOn).cellOrder,
    );
  });
});

describe('a register as the caller sees it at each step', () => {
  it('shows a result register as a result to come before the return, not as lost', () => {
    const p = marshal(conv('gunyah-2022-hvc-imm'), findCall(catalog, 'gunyah-2022-hyp-identify')!);
    const trap = p.steps.find((s) => s.phase === 'trap')!;
    for (const cells of [p.steps[0]!.cells, trap.cells]) {
      expect(cells.x1!.role).toBe('result');
      expect(cells.x1!.value).toBeUndefined();
    }
    expect(trap.cells.x4!.role).toBe('clobbered');
    expect(p.steps.at(-1)!.cells.x1!.role).toBe('result');
  });

  it('leaves the call id in x0 as the call id until the callee writes its result there', () => {
    const p = marshal(conv('smccc-1.1-hvc64'), cpuOn);
    expect(p.steps.find((s) => s.phase === 'trap')!.cells.x0!.role).toBe('call-id');
    expect(p.steps.at(-1)!.cells.x0!.role).toBe('result');
  });
});
