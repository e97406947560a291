import { describe, expect, it } from 'vitest';
import { callFits } from '../model/call';
import { marshal } from '../model/plan';
import { findCall, findConvention } from './index';
import { guidePanes } from './guide-panes';
import { guides } from './guides';
import { catalog } from './all';

describe('guided comparisons', () => {
  it.each(guides.map((g) => [g.id, g] as const))('%s: every pane names a call that fits its convention', (_, g) => {
    expect(g.panes.length).toBeGreaterThanOrEqual(2);
    expect(g.panes.length).toBeLessThanOrEqual(4);
    for (const p of g.panes) {
      const conv = findConvention(catalog, p.convention);
      const call = findCall(catalog, p.call);
      expect(conv, p.convention).toBeDefined();
      expect(call, p.call).toBeDefined();
      expect(callFits(conv!, call!), `${p.convention} ${p.call}`).toBe(true);
    }
  });

  it('ids are unique, and every layout a link can open has its text', () => {
    expect(new Set(guides.map((g) => g.id)).size).toBe(guides.length);
    expect(guides.map((g) => g.id).sort()).toEqual(Object.keys(guidePanes).sort());
  });

  it('the vCPU-register guide shows the value in x6/x7 under SMCCC and x15/x16 under hvc #1', () => {
    const g = guides.find((x) => x.id === 'vcpu-register')!;
    const regs = g.panes.map((p) => marshal(findConvention(catalog, p.convention)!, findCall(catalog, p.call)!).outputs.map((o) => o.register));
    expect(regs[0]).toEqual(expect.arrayContaining(['x6', 'x7']));
    expect(regs[1]).toEqual(expect.arrayContaining(['x15', 'x16']));
  });

  it('the FF-A guide shows five payload registers in and out for REQ, fourteen for REQ2', () => {
    const g = guides.find((x) => x.id === 'ffa-direct-messages')!;
    const [req, req2] = g.panes.map((p) => marshal(findConvention(catalog, p.convention)!, findCall(catalog, p.call)!));
    expect(req!.outputs.map((o) => o.register)).toEqual(['x0', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(req2!.outputs.filter((o) => o.name.startsWith('data')).map((o) => o.register)).toEqual(Array.from({ length: 14 }, (_, i) => `x${i + 4}`));
  });

  it('the realm guide: RSI stays in the Realm world with eight result registers, the host call reaches NS-EL2, PSCI traps to EL2', () => {
    const g = guides.find((x) => x.id === 'realm-rsi-vs-psci')!;
    const [read, hostCall, psci] = g.panes.map((p) => marshal(findConvention(catalog, p.convention)!, findCall(catalog, p.call)!));
    expect(new Set(read!.path!.hops.map((h) => h.world))).toEqual(new Set(['realm']));
    expect(read!.runs![0]!.parts.map((p) => p.register)).toEqual(Array.from({ length: 8 }, (_, i) => `x${i + 1}`));
    expect(hostCall!.path!.hops.map((h) => h.level)).toContain('NS-EL2');
    expect([psci!.trap.from, psci!.trap.to]).toEqual(['EL1', 'EL2']);
  });
});
