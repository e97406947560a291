import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '../catalog';
import { alignRegisters, capacity, clobberDiff, sameArchitecture, telling } from './compare';
import { alignTimeline } from './timeline';
import { marshal } from './plan';
import { catalog } from '../catalog/all';

const plan = (conv: string, call: string) => marshal(findConvention(catalog, conv)!, findCall(catalog, call)!);

describe('alignTimeline', () => {
  it('puts the trap at the same moment in every pane, whatever the argument count', () => {
    const a = plan('smccc-1.1-hvc64', 'psci-cpu-on-64'); // 3 arguments
    const b = plan('smccc-1.1-hvc32', 'smccc-version'); // none
    const moments = alignTimeline([a, b]);
    const trap = moments.findIndex((m) => m.phase === 'trap');
    expect(a.steps[moments[trap]!.steps[0]!]!.phase).toBe('trap');
    expect(b.steps[moments[trap]!.steps[1]!]!.phase).toBe('trap');
    expect(moments.filter((m) => m.phase === 'marshal')).toHaveLength(5);
    // The shorter pane holds its last marshal step while the longer one loads x2, x3.
    expect(moments.filter((m) => m.phase === 'marshal').map((m) => m.steps[1])).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('alignRegisters', () => {
  it('matches by name on one architecture and flags rows whose roles differ', () => {
    const a = plan('smccc-1.0-hvc64', 'psci-cpu-on-64');
    const b = plan('smccc-1.1-hvc64', 'psci-cpu-on-64');
    expect(sameArchitecture([a, b])).toBe(true);
    const rows = alignRegisters([a, b], [a.steps.length - 1, b.steps.length - 1]);
    expect(rows.map((r) => r.key).slice(0, 3)).toEqual(['x0', 'x1', 'x2']);
    expect(rows.find((r) => r.key === 'x9')).toMatchObject({ differs: true, cells: [{ role: 'clobbered' }, { role: 'preserved' }] });
    expect(rows.find((r) => r.key === 'x0')!.differs).toBe(false);
  });

  it('matches by role across architectures', () => {
    const a = plan('smccc-1.1-hvc64', 'psci-cpu-on-64');
    const b = plan('smccc-1.1-hvc32-aarch32', 'psci-cpu-on-32');
    const rows = alignRegisters([a, b], [1, 1]);
    expect(rows.map((r) => r.key)).toEqual(['call id', 'argument 1', 'argument 2', 'argument 3', 'result 1']);
    expect(rows[1]!.cells.map((c) => c?.cell)).toEqual(['x1', 'r1']);
  });
});

describe('clobberDiff', () => {
  it('lists what SMCCC 1.0 may clobber that 1.1 keeps', () => {
    const d = clobberDiff(plan('smccc-1.0-hvc64', 'psci-cpu-on-64'), plan('smccc-1.1-hvc64', 'psci-cpu-on-64'));
    expect(d.lostOnlyInA).toEqual(Array.from({ length: 14 }, (_, i) => `x${i + 4}`));
    expect(d.lostOnlyInB).toEqual([]);
  });
});

describe('alignRegisters: rows across panes at a moment', () => {
  it('marks only rows whose roles differ at that moment', () => {
    const plans = [plan('smccc-1.0-hvc64', 'psci-cpu-on-64'), plan('smccc-1.1-hvc64', 'psci-cpu-on-64'), plan('smccc-1.2-hvc64', 'psci-cpu-on-64')];
    const trap = alignTimeline(plans).find((m) => m.phase === 'trap')!;
    const rows = telling(alignRegisters(plans, trap.steps));
    expect(rows.rows.filter((r) => r.differs).map((r) => r.key)).toEqual(Array.from({ length: 14 }, (_, i) => `x${i + 4}`));
    expect(rows.keptEverywhere).toContain('x18');
  });
});

describe('capacity: what each call carries', () => {
  it('counts the call’s own results: HvCallGetVpRegisters returns in x6/x7 (SMCCC) and x15/x16 (2019 ABI)', () => {
    expect(capacity(plan('hyperv-arm64-smccc', 'hyperv-arm64-get-vp-registers')).out).toMatchObject({ bytes: 24, registers: ['x0', 'x6', 'x7'] });
    expect(capacity(plan('hyperv-arm64-2019-hvc1', 'hyperv-arm64-2019-get-vp-registers')).out.registers).toEqual(['x0', 'x15', 'x16']);
  });

  it('counts the call’s arguments, and what its convention allows at most', () => {
    const c = capacity(plan('smccc-1.1-hvc64', 'psci-cpu-on-64'));
    expect(c.in).toEqual({ bytes: 24, registers: ['x1', 'x2', 'x3'] });
    expect(c.most.in.bytes).toBe(56);
    expect(c.most.out.bytes).toBe(32);
    expect(capacity(plan('smccc-1.2-hvc64', 'psci-cpu-on-64')).most).toMatchObject({ in: { bytes: 136 }, out: { bytes: 144 } });
    expect(capacity(plan('smccc-1.1-hvc32', 'smccc-version')).most).toMatchObject({ in: { bytes: 28 }, out: { bytes: 16 } });
  });

  it('counts what the caller must treat as lost after this call', () => {
    expect(capacity(plan('smccc-1.0-hvc64', 'psci-cpu-on-64')).lost).toHaveLength(17); // x1-x17
    expect(capacity(plan('smccc-1.1-hvc64', 'psci-cpu-on-64')).lost).toEqual(['x1', 'x2', 'x3']);
  });
});
