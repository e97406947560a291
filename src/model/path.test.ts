import { describe, expect, it } from 'vitest';
import { callsFor, findCall, findConvention } from '../catalog';
import { catalog } from '../catalog/all';
import { aarch64 } from '../catalog/arch/aarch64';
import { pathSrc, spmdPath } from '../catalog/ffa/path';
import { sourceKey } from './source';
import { marshal, planLevels } from './plan';
import { pathFor, pathLanes, pathNotes, planPath, PathError, type Hop, type Path } from './path';
import { alignTimeline } from './timeline';

const conv = (id: string) => findConvention(catalog, id)!;
const call = (id: string) => findCall(catalog, id)!;
const x = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `x${a + i}`);

describe('an FF-A direct request over smc crosses NS-EL1 -> EL3 -> S-EL2 -> S-EL1 and back', () => {
  const plan = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64'));
  const path = plan.path!;

  it('visits the levels in order, out to the partition at S-EL1 and back to the kernel', () => {
    expect([path.from.level, ...path.hops.map((h) => h.level)]).toEqual(['NS-EL1', 'EL3', 'S-EL2', 'S-EL1', 'S-EL2', 'EL3', 'NS-EL1']);
    expect(path.hops.map((h) => h.direction)).toEqual(['out', 'out', 'out', 'back', 'back', 'back']);
    expect(path.hops[path.handler]!.who).toBe('the secure partition');
    expect(path.lanes.map((l) => `${l.world}:${l.level}`)).toEqual(['non-secure:NS-EL1', 'secure:EL3', 'secure:S-EL2', 'secure:S-EL1']);
  });

  it('tells the story hop by hop: each trap or return step at its hop, in order, the handling at the partition', () => {
    const moving = plan.steps.filter((s) => s.phase === 'trap' || s.phase === 'return');
    expect(moving.map((s) => [s.phase, s.level, s.hop])).toEqual([
      ['trap', 'EL3', 0],
      ['trap', 'S-EL2', 1],
      ['trap', 'S-EL1', 2],
      ['return', 'S-EL2', 3],
      ['return', 'EL3', 4],
      ['return', 'NS-EL1', 5],
    ]);
    expect(plan.steps.filter((s) => s.phase === 'handle').every((s) => s.level === 'S-EL1' && s.hop === 2)).toBe(true);
    expect(plan.steps.filter((s) => s.phase === 'marshal' || s.phase === 'unpack').every((s) => s.level === 'NS-EL1' && s.hop === undefined)).toBe(true);
  });

  it('computes what EL3 reads on both smcs: ESR_EL3 = 0x5E000000 (EC 0x17, imm 0), as TF-A checks it', () => {
    for (const h of [path.hops[0]!, path.hops[4]!]) {
      expect(h.enter).toMatchObject({ how: 'trap', instruction: { text: 'smc #0', hex: '0xD4000003' } });
      const syndrome = h.enter.how === 'trap' ? h.enter.syndrome! : undefined;
      expect(syndrome).toMatchObject({ register: 'ESR_EL3', value: 0x5e000000n, fields: { EC: 0x17n, IL: 1n, ISS: 0n } });
    }
    expect(plan.steps.find((s) => s.hop === 0)!.text).toMatch(/from NS-EL1 to EL3, which reads ESR_EL3 = 0x5E000000/);
  });

  it('computes what Hafnium reads when the partition answers by hvc #0: ESR_EL2 = 0x5A000000 (EC 0x16 HVC64), as its library and handler have it', () => {
    const answer = path.hops[3]!;
    expect(answer.enter).toMatchObject({ how: 'trap', instruction: { text: 'hvc #0', hex: '0xD4000002' } });
    expect(answer.enter.how === 'trap' && answer.enter.syndrome).toMatchObject({ register: 'ESR_EL2', value: 0x5a000000n, fields: { EC: 0x16n } });
    expect(pathSrc.spCall.where).toMatch(/"hvc #0"/);
    expect(pathSrc.hvcHandler.where).toMatch(/case EC_HVC: hvc_handler\(vcpu\)/);
    expect(plan.steps.find((s) => s.hop === 3)!.text).toMatch(/The secure partition at S-EL1 executes hvc #0; the CPU takes an exception to S-EL2 \(ESR_EL2 = 0x5A000000\)/);
  });

  it('hands the SPMC x0–x17 under SMC64 and the partition x0–x7 of REQ, as arch_regs_set_retval writes them', () => {
    expect(path.hops[0]!.receives).toEqual(aarch64.registers.map((r) => r.name));
    expect(path.hops[0]!.passes!.cells).toEqual(x(0, 17));
    expect(path.hops[1]!.receives).toEqual(x(0, 17));
    expect(path.hops[1]!.passes!.to.level).toBe('S-EL1');
    expect(path.hops[2]!.receives).toEqual(x(0, 7));
    // The partition's hvc is a trap: Hafnium saves every register of it.
    expect(path.hops[3]!.receives).toEqual(aarch64.registers.map((r) => r.name));
    expect(path.hops[3]!.passes!.cells).toEqual(x(0, 17));
    expect(path.hops[5]!.passes).toBeUndefined();
    expect(plan.steps.find((s) => s.hop === 2 && s.phase === 'trap')!.highlight).toEqual(x(0, 7));
    // The source literals the counts are read from: r[0] … r[7] always, r[8] … r[17] only for an extended value (REQ2).
    expect(pathSrc.setRetval.where).toMatch(/r->r\[7\] = v\.arg7; if \(v\.extended_val\.valid\) r->r\[8\] = v\.extended_val\.arg8 … r->r\[17\]/);
    expect(pathSrc.dirValue.where).toMatch(/REQ2_64: args\.extended_val\.valid = true/);
  });

  it('hands the partition x0–x17 of REQ2, and x0–x7 of the SMC32 REQ all the way', () => {
    const req2 = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req2')).path!;
    expect(req2.hops[2]!.receives).toEqual(x(0, 17));
    expect(req2.hops[3]!.sees).toMatch(/FFA_MSG_SEND_DIRECT_RESP2/);
    const p32 = marshal(conv('ffa-smc32'), call('ffa-msg-send-direct-req-32')).path!;
    expect(p32.hops[1]!.receives).toEqual(x(0, 7));
    expect(p32.hops[2]!.receives).toEqual(x(0, 7));
    expect(p32.hops[5]!.receives).toEqual(x(0, 7));
  });

  it('says on screen which case is drawn (S-EL1 under Hafnium) and that S-EL0 and an EL3 SPMC differ', () => {
    const text = pathNotes(path)
      .map((n) => n.text)
      .join(' ');
    expect(text).toMatch(/Drawn: a partition at S-EL1 under Hafnium at S-EL2/);
    expect(text).toMatch(/at S-EL0 enters Hafnium with svc/);
    expect(text).toMatch(/SPMC at EL3 .* spmc_smc_handler without leaving EL3/);
  });

  it('lists every hop’s sources and notes’ sources among the plan’s', () => {
    const keys = new Set(plan.sources.map(sourceKey));
    const declared = spmdPath('req64');
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
    expect(traps.map((m) => multi.steps[m.steps[0]!]!.level)).toEqual(['EL3', 'S-EL2', 'S-EL1']);
    expect(traps.map((m) => single.steps[m.steps[1]!]!.level)).toEqual(['EL2', 'EL2', 'EL2']);
    const returns = moments.filter((m) => m.phase === 'return');
    expect(returns.map((m) => multi.steps[m.steps[0]!]!.level)).toEqual(['S-EL2', 'EL3', 'NS-EL1']);
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
