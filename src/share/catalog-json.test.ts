import { describe, expect, it } from 'vitest';
import { hasRegister } from '../model/arch';
import { findCall, findConvention } from '../catalog';
import { marshal } from '../model/plan';
import { catalogJson } from './catalog-json';
import { catalog } from '../catalog/all';

describe('catalog.json', () => {
  const json = catalogJson(catalog);

  it('has the documented keys, and arch is one of the five', () => {
    expect(json.schemaVersion).toBe(2);
    for (const c of json.conventions) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'name', 'arch', 'sources']));
      expect(['aarch64', 'aarch32', 'x86-64', 'x86', 'riscv64']).toContain(c.arch);
    }
    for (const c of json.calls) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'name', 'convention', 'instruction', 'encoding', 'callNumber', 'inputs', 'outputs', 'clobbered', 'preserved', 'sources']),
      );
    }
  });

  it('lays out PSCI CPU_ON as the issue shows it', () => {
    const on = json.calls.find((c) => c.id === 'psci-cpu-on-64')!;
    expect(on).toMatchObject({ instruction: 'hvc #0', encoding: '0xd4000002', callNumber: '0xc4000003' });
    expect(on.inputs[0]).toEqual({ register: 'x0', meaning: 'function ID: PSCI CPU_ON (SMC64)' });
    expect(on.outputs[0]!.register).toBe('x0');
    expect(on.conventions).toContain('smccc-1.1-smc64');
  });

  it('names registers in lower case, as each architecture writes them, and never repeats an id', () => {
    const byId = new Map(catalog.conventions.map((c) => [c.id, c]));
    for (const call of json.calls) {
      const arch = byId.get(call.convention)!.arch;
      for (const r of [...call.inputs, ...call.outputs].map((x) => x.register).concat(call.clobbered, call.preserved)) {
        expect(r).toBe(r.toLowerCase());
        expect(hasRegister(arch, r), `${call.id}: ${r}`).toBe(true);
      }
    }
    expect(new Set(json.calls.map((c) => c.id)).size).toBe(json.calls.length);
  });

  it('lays every call out under every convention it fits, in the order of "conventions"', () => {
    for (const call of json.calls)
      expect(
        call.layouts.map((l) => l.convention),
        call.id,
      ).toEqual(call.conventions);
    const first = json.calls.find((c) => c.id === 'psci-cpu-on-64')!;
    expect(first.layouts[0]).toMatchObject({
      convention: first.convention,
      instruction: first.instruction,
      encoding: first.encoding,
      callNumber: first.callNumber,
    });
  });

  it('resolves each layout as the app marshals it: instruction, encoding, syndrome with its register and fields, registers with meanings', () => {
    const on = json.calls.find((c) => c.id === 'psci-cpu-on-32')!;
    const smc = on.layouts.find((l) => l.convention === 'smccc-1.1-smc32-aarch32')!;
    expect(smc).toMatchObject({
      instruction: 'smc #0',
      encoding: '0xe1600070',
      trap: { from: 'EL1', to: 'EL3', trappedBy: { level: 'EL2', control: 'HCR_EL2.TSC' } },
    });
    expect(smc.syndrome).toMatchObject({ register: 'ESR_EL2', value: '0x4e000000', fields: { EC: '0x13', IL: '0x1' } });
    expect(smc.inputs[0]).toEqual({ register: 'r0', kind: 'selector', name: 'function ID', meaning: 'PSCI CPU_ON (SMC32)', value: '0x84000003' });
    const stub = json.calls.find((c) => c.id === 'hypstub-arm32-soft-restart')!.layouts[0]!;
    expect(stub.syndrome).toMatchObject({ register: 'HSR', value: '0x4a000000' });
    const rep = json.calls.find((c) => c.id === 'hyperv-x64-flush-virtual-address-list')!.layouts[0]!;
    expect(rep.outputs.map((o) => o.register)).toEqual(['rax', 'rcx']);
    expect(rep.preserved).not.toContain('rcx');
    const vmcall = json.calls.find((c) => c.id === 'vmware-getversion')!.layouts.find((l) => l.convention === 'vmware-x86-vmcall')!;
    expect(vmcall.otherSyndromes).toEqual([]);
    expect(vmcall.syndrome?.register).toBeTruthy();
  });

  it('cites sources by index into one table: every reference resolves, every source is there once and is cited', () => {
    const cited = [
      ...json.conventions.flatMap((c) => [...c.sources, ...c.notes.flatMap((n) => n.sources)]),
      ...json.calls.flatMap((c) => c.sources),
    ];
    for (const i of cited) expect(json.sources[i as number], String(i)).toBeDefined();
    expect(new Set(cited).size).toBe(json.sources.length);
    // No source text twice, not even with another link.
    expect(new Set(json.sources.map((s) => `${s.title}\n${s.where}`)).size).toBe(json.sources.length);
    expect(json.about).toContain('indexes into the top-level "sources"');
  });

  it('resolves a call’s citations to the sources the app shows for it, in the same order', () => {
    const on = json.calls.find((c) => c.id === 'psci-cpu-on-64')!;
    const plan = marshal(findConvention(catalog, on.convention)!, findCall(catalog, on.id)!);
    expect(on.sources.map((i) => json.sources[i as number])).toEqual(plan.sources.map((s) => ({ title: s.title, where: s.where, ...(s.url ? { url: s.url } : {}) })));
    const smccc = json.conventions.find((c) => c.id === 'smccc-1.1-hvc64')!;
    expect(smccc.sources.map((i) => json.sources[i as number]!.title)).toEqual(findConvention(catalog, 'smccc-1.1-hvc64')!.sources.map((s) => s.title));
  });

  it('gives a layout a path only where the call crosses several levels or declares what the next level sees: FF-A’s direct request over smc, SEV’s VMGEXIT; one entry per hop', () => {
    const req = json.calls.find((c) => c.id === 'ffa-msg-send-direct-req-64')!;
    const bySmc = req.layouts.find((l) => l.convention === 'ffa-smc64')!;
    const byHvc = req.layouts.find((l) => l.convention === 'ffa-hvc64')!;
    expect('path' in byHvc).toBe(false);
    expect('path' in bySmc).toBe(true);
    const path = (bySmc as typeof bySmc & { path: { hops: { level: string; enter: unknown; passes: unknown }[] } }).path;
    expect(path.hops.map((h) => h.level)).toEqual(['EL3', 'S-EL2', 'S-EL1', 'S-EL2', 'EL3', 'NS-EL1']);
    expect(path.hops[0]!.enter).toEqual({ how: 'trap', instruction: 'smc #0', encoding: '0xd4000003', syndrome: { register: 'ESR_EL3', value: '0x5e000000' } });
    expect(path.hops[0]!.passes).toEqual({ registers: Array.from({ length: 18 }, (_, i) => `x${i}`), to: 'S-EL2' });
    const withPath = json.calls.filter((c) => c.layouts.some((l) => 'path' in l)).map((c) => c.id);
    // Under the plain smc conventions only the direct requests go past EL3; under pKVM every FF-A call goes through EL2 first.
    const ffaWithPath = (convention: string) => json.calls.filter((c) => c.layouts.some((l) => l.convention === convention && 'path' in l)).map((c) => c.id);
    expect(ffaWithPath('ffa-smc64')).toEqual(['ffa-msg-send-direct-req-64', 'ffa-msg-send-direct-req2']);
    expect(ffaWithPath('ffa-smc32')).toEqual(['ffa-msg-send-direct-req-32']);
    expect(ffaWithPath('ffa-pkvm-smc32')).toEqual(json.calls.filter((c) => c.layouts.some((l) => l.convention === 'ffa-pkvm-smc32')).map((c) => c.id));
    // And TDX's TDG.VP.VMCALL sub-functions (TD -> TDX module -> VMM and back), every Arm CCA call (RSI and RMI), every pKVM host hypercall (host -> pKVM at EL2) and SEV's VMGEXIT; no other call.
    const others = (id: string) => !id.startsWith('ffa-') && !id.startsWith('sev-');
    expect(withPath.filter(others)).toEqual(json.calls.filter((c) => c.id.startsWith('pkvm-host-') || c.id.startsWith('tdx-vmcall-') || /^(rsi|rmi)-/.test(c.id)).map((c) => c.id));
    // VMGEXIT: the host receives the GHCB MSR and nothing else.
    const sev = json.calls.filter((c) => c.id.startsWith('sev-'));
    expect(sev.every((c) => withPath.includes(c.id))).toBe(true);
    const hops = sev.flatMap((c) => c.layouts.map((l) => (l as typeof l & { path: { hops: { receives: string[] }[] } }).path.hops));
    expect(hops.length).toBeGreaterThan(0);
    for (const h of hops) expect(h[0]!.receives).toEqual(['ghcb_msr']);
  });

  it('gives TDG.VP.VMCALL’s RCX its bitmap: the bit of each register and the ones Linux’s value exposes', () => {
    const hlt = json.calls.find((c) => c.id === 'tdx-vmcall-hlt')!;
    const rcx = hlt.layouts[0]!.inputs.find((i) => i.register === 'rcx')! as { mask?: { bits: Record<string, number>; exposed: string[]; usual: { value: string } } };
    expect(rcx.mask!.usual.value).toBe('0xffcc');
    expect(rcx.mask!.bits).toMatchObject({ rdx: 2, rbx: 3, rsi: 6, rdi: 7, r15: 15 });
    expect([...rcx.mask!.exposed].sort()).toEqual(['r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'r8', 'r9', 'rbx', 'rdi', 'rdx', 'rsi']);
  });

  it('round-trips through JSON with no bigint left in it', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
