import { describe, expect, it } from 'vitest';
import { callsFor, findCall, findConvention } from '../catalog';
import { catalog } from '../catalog/all';
import { aarch64 } from '../catalog/arch/aarch64';
import { spmdPath } from '../catalog/ffa/path';
import { sourceKey } from './source';
import { marshal, planLevels } from './plan';
import { pathFor, pathLanes, planPath, PathError, type Hop, type Path } from './path';
import { alignTimeline } from './timeline';

const conv = (id: string) => findConvention(catalog, id)!;
const call = (id: string) => findCall(catalog, id)!;
const x = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `x${a + i}`);

describe('an FF-A direct request over smc crosses NS-EL1 -> EL3 -> S-EL2 and back', () => {
  const plan = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64'));
  const path = plan.path!;

  it('visits the levels in order, out to the SPMC and back to the kernel', () => {
    expect([path.from.level, ...path.hops.map((h) => h.level)]).toEqual(['NS-EL1', 'EL3', 'S-EL2', 'EL3', 'NS-EL1']);
    expect(path.hops.map((h) => h.direction)).toEqual(['out', 'out', 'back', 'back']);
    expect(path.hops[path.handler]!.who).toBe('Hafnium (the SPMC)');
  });

  it('tells the story hop by hop: each trap or return step at its hop, in order, the handling at the SPMC', () => {
    const moving = plan.steps.filter((s) => s.phase === 'trap' || s.phase === 'return');
    expect(moving.map((s) => [s.phase, s.level, s.hop])).toEqual([
      ['trap', 'EL3', 0],
      ['trap', 'S-EL2', 1],
      ['return', 'EL3', 2],
      ['return', 'NS-EL1', 3],
    ]);
    expect(plan.steps.filter((s) => s.phase === 'handle').every((s) => s.level === 'S-EL2' && s.hop === 1)).toBe(true);
    expect(plan.steps.filter((s) => s.phase === 'marshal' || s.phase === 'unpack').every((s) => s.level === 'NS-EL1' && s.hop === undefined)).toBe(true);
  });

  it('computes what EL3 reads on both smcs: ESR_EL3 = 0x5E000000 (EC 0x17, imm 0), as TF-A checks it', () => {
    for (const h of [path.hops[0]!, path.hops[2]!]) {
      expect(h.enter).toMatchObject({ how: 'trap', instruction: { text: 'smc #0', hex: '0xD4000003' } });
      const syndrome = h.enter.how === 'trap' ? h.enter.syndrome! : undefined;
      expect(syndrome).toMatchObject({ register: 'ESR_EL3', value: 0x5e000000n, fields: { EC: 0x17n, IL: 1n, ISS: 0n } });
    }
    expect(plan.steps.find((s) => s.hop === 0)!.text).toMatch(/from NS-EL1 to EL3, which reads ESR_EL3 = 0x5E000000/);
  });

  it('hands the SPMC x0–x17 under SMC64, and every register to EL3, which a trap does not change', () => {
    expect(path.hops[0]!.receives).toEqual(aarch64.registers.map((r) => r.name));
    expect(path.hops[0]!.passes!.cells).toEqual(x(0, 17));
    expect(path.hops[1]!.receives).toEqual(x(0, 17));
    expect(path.hops[1]!.passes!.to.level).toBe('EL3');
    expect(path.hops[3]!.passes).toBeUndefined();
    expect(plan.steps.find((s) => s.hop === 1 && s.phase === 'trap')!.highlight).toEqual(x(0, 17));
  });

  it('hands the SPMC only x0–x7 under SMC32', () => {
    const p32 = marshal(conv('ffa-smc32'), call('ffa-msg-send-direct-req-32'));
    expect(p32.path!.hops[1]!.receives).toEqual(x(0, 7));
    expect(p32.path!.hops[3]!.receives).toEqual(x(0, 7));
  });

  it('lists every hop’s sources and notes’ sources among the plan’s', () => {
    const keys = new Set(plan.sources.map(sourceKey));
    const declared = spmdPath(64);
    for (const hop of [...declared.out, ...declared.back]) {
      expect(hop.sources.length).toBeGreaterThan(0);
      for (const s of [...hop.sources, ...(hop.notes ?? []).flatMap((n) => n.sources), ...(hop.syndromeAt?.sources ?? [])])
        expect(keys.has(sourceKey(s))).toBe(true);
    }
  });

  it('keeps the caller’s view: results, losses and the preserved registers match the single-hop rules', () => {
    // The same call under the same convention, drawn as one hop (no path).
    const single = marshal(conv('ffa-smc64'), { ...call('ffa-msg-send-direct-req-64'), path: undefined });
    expect(plan.lost).toEqual(single.lost);
    expect(plan.preserved).toEqual(single.preserved);
    expect(plan.steps.at(-1)!.cells).toEqual(single.steps.at(-1)!.cells);
  });
});

describe('single-hop calls stay as they were', () => {
  it('a call with a path is a single hop under a convention with another instruction (FF-A over hvc)', () => {
    const p = marshal(conv('ffa-hvc64'), call('ffa-msg-send-direct-req-64'));
    expect(p.path).toBeUndefined();
    expect(p.steps.filter((s) => s.phase === 'trap').map((s) => s.level)).toEqual(['EL2']);
  });

  it('no plan without a path has a path or a step with a hop', () => {
    for (const c of catalog.conventions) {
      for (const k of callsFor(catalog, c)) {
        if (pathFor(c, k)) continue;
        const p = marshal(c, k);
        expect(p.path).toBeUndefined();
        expect(p.steps.some((s) => 'hop' in s)).toBe(false);
      }
    }
  });
});

describe('compare keeps a multi-hop pane in step with a single-hop one', () => {
  it('starts the trap, the handling and the return together; the single-hop pane waits while the other crosses levels', () => {
    const multi = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64'));
    const single = marshal(conv('smccc-1.1-hvc64'), call('psci-cpu-on-64'));
    const moments = alignTimeline([multi, single]);
    for (const phase of ['trap', 'handle', 'return'] as const) {
      const first = moments.find((m) => m.phase === phase)!;
      expect(multi.steps[first.steps[0]!]!.phase).toBe(phase);
      expect(single.steps[first.steps[1]!]!.phase).toBe(phase);
    }
    const traps = moments.filter((m) => m.phase === 'trap');
    expect(traps.map((m) => multi.steps[m.steps[0]!]!.level)).toEqual(['EL3', 'S-EL2']);
    expect(traps.map((m) => single.steps[m.steps[1]!]!.level)).toEqual(['EL2', 'EL2']);
    const returns = moments.filter((m) => m.phase === 'return');
    expect(returns.map((m) => multi.steps[m.steps[0]!]!.level)).toEqual(['EL3', 'NS-EL1']);
  });
});

/** A path of four levels in three worlds, as a catalog folder would declare one. */
const hop = (level: string, world: Hop['world'], enter: Hop['enter'], passes?: Hop['passes']): Hop => ({
  level,
  world,
  who: `who at ${level}`,
  enter,
  sees: `what ${level} sees`,
  ...(passes ? { passes } : {}),
  sources: [{ title: 'test', where: level }],
});
const trap = { how: 'trap', instruction: 'a64-smc', imm: 0 } as const;
const fwd = { how: 'forward', what: 'eret' } as const;
const four: Path = {
  instruction: 'a64-smc',
  from: { level: 'R-EL1', world: 'realm', who: 'a realm' },
  out: [hop('R-EL2', 'realm', trap, { kind: 'all' }), hop('NS-EL2', 'non-secure', fwd, { kind: 'listed', registers: ['x0', 'w1'] })],
  back: [hop('EL3', 'root', trap, { kind: 'all' }), hop('R-EL2', 'realm', fwd, { kind: 'all' }), hop('R-EL1', 'realm', fwd)],
  sources: [],
};

describe('planPath', () => {
  it('draws one lane per level, grouped by world in the order worlds are met', () => {
    const planned = planPath(aarch64, four, 0);
    expect(planned.lanes.map((l) => `${l.world}:${l.level}`)).toEqual(['realm:R-EL1', 'realm:R-EL2', 'non-secure:NS-EL2', 'root:EL3']);
    expect(
      pathLanes({ level: 'A', world: 'td', who: '' }, [
        { level: 'B', world: 'seam', who: '' },
        { level: 'C', world: 'host', who: '' },
        { level: 'B', world: 'seam', who: '' },
      ]),
    ).toHaveLength(3);
  });

  it('resolves listed registers to cells (w1 is x1) and gives a trap hop its computed encoding', () => {
    const planned = planPath(aarch64, four, 0x10);
    expect(planned.hops[2]!.receives).toEqual(['x0', 'x1']);
    expect(planned.hops[0]!.enter).toMatchObject({ how: 'trap', instruction: { text: 'smc #0x10' } });
    // Only the first hop takes the call's immediate; a later trap states its own.
    expect(planned.hops[2]!.enter).toMatchObject({ how: 'trap', instruction: { text: 'smc #0' } });
  });

  it('refuses a path that does not start with the convention’s trap, does not come home, or leaves a hand-over unsaid', () => {
    expect(() => planPath(aarch64, { ...four, out: [hop('R-EL2', 'realm', fwd, { kind: 'all' }), ...four.out.slice(1)] }, 0)).toThrow(PathError);
    expect(() => planPath(aarch64, { ...four, back: four.back.slice(0, 2) }, 0)).toThrow(/come back to R-EL1/);
    expect(() => planPath(aarch64, { ...four, out: [four.out[0]!, hop('NS-EL2', 'non-secure', fwd)] }, 0)).toThrow(/must say what it passes/);
    expect(() => planPath(aarch64, { ...four, out: [four.out[0]!, hop('NS-EL2', 'non-secure', fwd, { kind: 'listed', registers: ['rax'] })] }, 0)).toThrow(
      /no register rax/,
    );
  });
});

describe('planLevels: where each step stands is a level the stage can name', () => {
  const pairs = catalog.conventions.flatMap((c) => callsFor(catalog, c).map((k) => [c.id, k.id] as const));

  it.each(pairs)('%s / %s', (convId, callId) => {
    const plan = marshal(conv(convId), call(callId));
    const levels = planLevels(plan);
    for (const step of plan.steps) {
      const level = levels.find((l) => l.id === step.level);
      expect(level, `step ${step.index} at ${step.level}`).toBeDefined();
      expect(level!.who, `who runs at ${step.level}`).not.toBe('');
    }
  });
});
