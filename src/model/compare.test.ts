import { describe, expect, it } from 'vitest';
import { findCall, findConvention } from '../catalog';
import { alignRegisters, capacity, clobberDiff, sameArchitecture } from './compare';
import { alignTimeline } from './timeline';
import { marshal } from './plan';

const plan = (conv: string, call: string) => marshal(findConvention(conv)!, findCall(call)!);

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

describe('capacity, computed from the convention data', () => {
  it('SMCCC 1.1 HVC64 carries 7 x 8 bytes in and 4 x 8 out; 1.2 carries 17 x 8 and 18 x 8', () => {
    expect(capacity(findConvention('smccc-1.1-hvc64')!)).toMatchObject({ bytesIn: 56, bytesOut: 32, argRegisters: 7, resultRegisters: 4 });
    expect(capacity(findConvention('smccc-1.2-hvc64')!)).toMatchObject({ bytesIn: 136, bytesOut: 144 });
    expect(capacity(findConvention('smccc-1.1-hvc32')!)).toMatchObject({ bytesIn: 28, bytesOut: 16 });
  });

  it('counts what the caller must treat as lost', () => {
    expect(capacity(findConvention('smccc-1.0-hvc64')!).lostRegisters).toBe(18); // x0-x17
    expect(capacity(findConvention('smccc-1.1-hvc64')!).lostRegisters).toBe(4); // x0-x3
    expect(capacity(findConvention('smccc-1.2-hvc64')!).lostRegisters).toBe(4); // x0-x3; x4-x17 kept unless results
  });
});
