import { describe, expect, it } from 'vitest';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { ffaCalls } from './calls';
import { pkvmTreatment } from './pkvm';
import { src } from './sources';
import { EXAMPLE_DESCRIPTOR_LENGTH, MEM_REGION, PARTITION_INFO, RX_BUFFER, sizes, TX_BUFFER } from './memory';
import { memoryKey, structOffsets } from '../../model/memory';
import { exceptionFor, handlerPathFor, handlerSteps } from '../../model/exception';
import { catalog } from '../all';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * Function IDs typed in by hand, so a wrong number fails:
 *   Hafnium inc/vmapi/hf/ffa.h @013f4d67: FFA_VERSION_32 0x84000063, FFA_FEATURES_32 0x84000064,
 *     FFA_RXTX_MAP_32 0x84000066, FFA_RXTX_MAP_64 0xC4000066, FFA_PARTITION_INFO_GET_32 0x84000068,
 *     FFA_ID_GET_32 0x84000069, FFA_RUN_32 0x8400006D, FFA_MSG_SEND_DIRECT_REQ_32 0x8400006F,
 *     FFA_MSG_SEND_DIRECT_REQ_64 0xC400006F, FFA_MEM_LEND_32 0x84000072, FFA_MEM_SHARE_32 0x84000073,
 *     FFA_MEM_RECLAIM_32 0x84000077
 *   include/linux/arm_ffa.h FFA_SMC_64(n) = CALL_VAL(FAST, SMC_64, OWNER_STANDARD 4, n) = 0xC4000000 + n,
 *     with TF-A ffa_svc.h FFA_FNUM_*: MSG_SEND_DIRECT_REQ2 0x8D, MEM_LEND 0x72, MEM_SHARE 0x73
 */
const SOURCE_IDS: Record<string, bigint> = {
  'ffa-version': 0x84000063n,
  'ffa-id-get': 0x84000069n,
  'ffa-features': 0x84000064n,
  'ffa-rxtx-map-32': 0x84000066n,
  'ffa-rxtx-map-64': 0xc4000066n,
  'ffa-partition-info-get': 0x84000068n,
  'ffa-msg-send-direct-req-32': 0x8400006fn,
  'ffa-msg-send-direct-req-64': 0xc400006fn,
  'ffa-msg-send-direct-req2': 0xc400008dn,
  'ffa-mem-share-32': 0x84000073n,
  'ffa-mem-share-64': 0xc4000073n,
  'ffa-mem-lend-32': 0x84000072n,
  'ffa-mem-lend-64': 0xc4000072n,
  'ffa-mem-reclaim': 0x84000077n,
  'ffa-run': 0x8400006dn,
};

describe('FF-A function IDs match the sources', () => {
  it.each(Object.entries(SOURCE_IDS).map(([id, fid]) => [id, `0x${fid.toString(16).toUpperCase()}`, fid] as const))('%s = %s', (id, _hex, fid) => {
    expect(call(id).number.value).toBe(fid);
    expect(call(id).number.stated.value).toBe(fid);
  });

  it('adds exactly these calls', () => {
    expect(ffaCalls.map((c) => c.id).sort()).toEqual(Object.keys(SOURCE_IDS).sort());
  });

  it('offers each call over smc and hvc at its own width only', () => {
    expect(callsFor(catalog, conv('ffa-smc32')).map((c) => c.id)).toContain('ffa-version');
    expect(callsFor(catalog, conv('ffa-hvc32')).map((c) => c.id)).toContain('ffa-version');
    expect(callsFor(catalog, conv('ffa-smc64')).map((c) => c.id)).not.toContain('ffa-version');
    expect(callsFor(catalog, conv('ffa-smc64')).map((c) => c.id)).toContain('ffa-msg-send-direct-req2');
    expect(callsFor(catalog, conv('ffa-smc32')).map((c) => c.id)).not.toContain('ffa-msg-send-direct-req2');
  });

  it('keeps FF-A calls out of the plain SMCCC conventions, whose result registers cannot carry their replies', () => {
    for (const c of ['smccc-1.1-smc64', 'smccc-1.2-smc64', 'smccc-1.2-smc32']) expect(callsFor(catalog, conv(c)).some((x) => x.family === 'ffa')).toBe(false);
  });
});

describe('FF-A calls as Linux’s driver makes them', () => {
  it('a direct request carries five payload registers, x3-x7, and finds the response’s five in the same registers', () => {
    const p = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64'));
    expect(p.inputs.map((s) => s.register)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(p.outputs.map((o) => o.register)).toEqual(['x0', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(p.outputs[0]!.value).toBe(0xc4000070n);
  });

  it('REQ2 carries the UUID in x2-x3 and fourteen payload registers, x4-x17, each way', () => {
    const p = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req2'));
    const args = p.inputs.filter((s) => s.kind === 'argument').map((s) => s.register);
    expect(args).toEqual(Array.from({ length: 17 }, (_, i) => `x${i + 1}`));
    expect(p.outputs.map((o) => o.register)).toEqual(['x0', ...Array.from({ length: 14 }, (_, i) => `x${i + 4}`)]);
    expect(p.outputs[0]!.value).toBe(0xc400008en);
  });

  it('a 32-bit call uses the w registers and answers FFA_SUCCESS in w0 with its result in w2 (FFA_NS_ENDPOINT_ID 0 from the SPMD)', () => {
    const p = marshal(conv('ffa-smc32'), call('ffa-id-get'));
    expect(p.trap.instruction.text).toBe('smc #0');
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([
      ['w0', 0x84000061n],
      ['w2', 0x0n],
    ]);
  });

  it('over smc keeps none of the reply registers a call leaves unused (the SPMD writes them), only x8-x17 after SMC32 and x18 on', () => {
    const p32 = marshal(conv('ffa-smc32'), call('ffa-id-get'));
    for (const r of ['x4', 'x5', 'x6', 'x7']) expect(p32.preserved).not.toContain(r);
    for (const r of ['x8', 'x17', 'x18']) expect(p32.preserved).toContain(r);
    const p64 = marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64'));
    for (const r of ['x8', 'x12', 'x17']) expect(p64.lost).toContain(r);
    expect(p64.preserved).toContain('x18');
  });

  it('over hvc keeps SMCCC 1.2’s x4-x17, and says that rule is assumed, not read', () => {
    const c = conv('ffa-hvc64');
    expect(marshal(c, call('ffa-rxtx-map-64')).preserved).toContain('x17');
    expect(c.notes.find((n) => n.kind === 'unconfirmed' && /Over hvc/.test(n.text))).toBeDefined();
  });

  it('FFA_VERSION answers in w0 itself, not with FFA_SUCCESS', () => {
    const p = marshal(conv('ffa-hvc32'), call('ffa-version'), { w1: 0x10001n });
    expect(p.trap.instruction.text).toBe('hvc #0');
    expect(p.inputs.find((s) => s.register === 'w1')!.value).toBe(0x10001n);
    expect(p.outputs.map((o) => o.register)).toEqual(['w0']);
  });

  it('a memory share returns the 64-bit handle split over w2 (low) and w3 (high)', () => {
    const p = marshal(conv('ffa-smc32'), call('ffa-mem-share-32'));
    expect(p.outputs.map((o) => o.register)).toEqual(['w0', 'w2', 'w3']);
    expect(p.outputs.map((o) => o.name)).toEqual(['reply', 'handle, low half', 'handle, high half']);
  });

  it('the example descriptor length is what arm_ffa.h’s structs add up to for one receiver and one range: 96 bytes', () => {
    const p = marshal(conv('ffa-smc64'), call('ffa-mem-lend-64'));
    expect(p.inputs.find((s) => s.register === 'x1')!.value).toBe(96n);
  });

  /**
   * kvm_host_ffa_handler and ffa_call_supported in arch/arm64/kvm/hyp/nvhe/ffa.c
   * (mirror @0291023e), read by hand: handled at EL2 = FFA_FEATURES,
   * FFA_FN64_RXTX_MAP, FFA_RXTX_UNMAP, FFA_MEM_SHARE (32/64), FFA_MEM_RECLAIM,
   * FFA_MEM_LEND (32/64), FFA_MEM_FRAG_TX, FFA_VERSION, FFA_PARTITION_INFO_GET;
   * refused = … "32-bit variants of 64-bit calls": FFA_RXTX_MAP …; the rest passes through.
   */
  it.each([
    ['ffa-version', 'handled'],
    ['ffa-id-get', 'forwarded'],
    ['ffa-features', 'handled'],
    ['ffa-rxtx-map-32', 'refused'],
    ['ffa-rxtx-map-64', 'handled'],
    ['ffa-partition-info-get', 'handled'],
    ['ffa-msg-send-direct-req-32', 'forwarded'],
    ['ffa-msg-send-direct-req-64', 'forwarded'],
    ['ffa-msg-send-direct-req2', 'forwarded'],
    ['ffa-mem-share-32', 'handled'],
    ['ffa-mem-share-64', 'handled'],
    ['ffa-mem-lend-32', 'handled'],
    ['ffa-mem-lend-64', 'handled'],
    ['ffa-mem-reclaim', 'handled'],
    ['ffa-run', 'forwarded'],
  ] as const)('under pKVM, %s is %s at EL2', (id, treatment) => {
    expect(pkvmTreatment(call(id).number.value)).toBe(treatment);
    const note = call(id).notes.find((n) => n.text.startsWith('Under pKVM'))!;
    expect(note.text).toMatch({ handled: /handles/, refused: /refuses/, forwarded: /lets this call through unchanged/ }[treatment]);
  });

  it('covers every catalog call in that table', () => {
    expect(ffaCalls.every((c) => c.notes.some((n) => n.text.startsWith('Under pKVM')))).toBe(true);
  });

  it('says how the driver picks smc or hvc, from PSCI’s conduit, and what an unknown FF-A id gets from the SPMD', () => {
    const text = conv('ffa-smc64')
      .notes.map((n) => n.text)
      .join(' ');
    expect(text).toMatch(/arm_smccc_1_1_get_conduit\(\)/);
    expect(text).toMatch(/"method" property/);
    expect(text).toMatch(/FFA_ERROR in w0 with NOT_SUPPORTED \(-1\) in w2/);
    expect(conv('ffa-smc64').notes.filter((n) => n.kind === 'unconfirmed').map((n) => n.text)).toEqual([expect.stringMatching(/^Arm DEN0077/)]);
  });

  it('says on every call how far it is drawn (the path to the SPMC where it has one), and names the TX buffer for memory descriptors', () => {
    for (const c of ffaCalls) {
      const notes = c.notes.map((n) => n.text).join(' ');
      if (c.path) expect(notes, c.id).toMatch(/Over smc this call is drawn past the first hop: NS-EL1 → EL3 \(TF-A’s SPMD\) → S-EL2 \(Hafnium, the SPMC\)/);
      else expect(notes, c.id).toMatch(/NS-EL1 → EL3 \(the SPMD\) → S-EL2 \(the SPMC/);
    }
    expect(ffaCalls.filter((c) => c.path).map((c) => c.id)).toEqual(['ffa-msg-send-direct-req-32', 'ffa-msg-send-direct-req-64', 'ffa-msg-send-direct-req2']);
    expect(
      call('ffa-mem-share-64')
        .notes.map((n) => n.text)
        .join(' '),
    ).toMatch(/TX buffer/);
  });

  it('says on each convention why FF-A has conventions of its own', () => {
    for (const id of ['ffa-smc64', 'ffa-smc32', 'ffa-hvc64', 'ffa-hvc32']) expect(conv(id).notes[0]!.text).toMatch(/^Why FF-A has conventions of its own/);
  });
});

describe('what FF-A calls pass in memory', () => {
  it('lays the structs out as arm_ffa.h declares them', () => {
    // FFA_1_0_PARTITON_INFO_SZ (8): "The FF-A 1.0 partition structure lacks the uuid[4]", so the UUID starts at byte 8.
    expect(structOffsets(PARTITION_INFO, false).offsets.uuid).toBe(8);
    // ffa_mem_desc_offset(): "Earlier to v1.1, the endpoint memory descriptor array started at offset 32 (i.e. offset of ep_mem_offset …)".
    expect(structOffsets(MEM_REGION, false).offsets.ep_mem_offset).toBe(32);
    expect(sizes).toEqual({ memRegion: 48, attributes: 16, composite: 16, range: 16, partitionInfo: 24 });
    expect(EXAMPLE_DESCRIPTOR_LENGTH).toBe(96);
  });

  it('puts the descriptor in the TX buffer with the length w1 and w2 give, and the partition descriptors in the RX buffer', () => {
    const share = marshal(conv('ffa-smc32'), call('ffa-mem-share-32'));
    expect(share.memory[0]).toMatchObject({ address: TX_BUFFER });
    expect(share.inputs.find((s) => s.register === 'w1')?.value).toBe(BigInt(share.memory[0]!.arg.size));
    // The address range is the last struct: it ends where the descriptor does.
    const range = share.memory[0]!.arg.fields.find((f) => f.name === 'range[0].address')!;
    expect(range.offset + sizes.range).toBe(share.memory[0]!.arg.size);
    const info = marshal(conv('ffa-smc32'), call('ffa-partition-info-get'));
    expect(info.memory[0]).toMatchObject({ address: RX_BUFFER });
    expect(info.steps.at(-1)!.memory!.values[memoryKey(0, '[1].id')]).toBe(0x8002n);
  });

  it('links FFA_RXTX_MAP’s buffers to the registers that carry their addresses', () => {
    const map = marshal(conv('ffa-smc64'), call('ffa-rxtx-map-64'));
    expect(map.memory.map((m) => [m.arg.name, m.carrier, m.address])).toEqual([
      ['TX buffer', 'x1', TX_BUFFER],
      ['RX buffer', 'x2', RX_BUFFER],
    ]);
  });
});

describe('FF-A under pKVM: the host’s smc stops at EL2 first', () => {
  const levels = (convId: string, callId: string) => {
    const p = marshal(conv(convId), call(callId)).path!;
    return [p.from.level, ...p.hops.map((h) => h.level)];
  };
  const x = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `x${a + i}`);

  it('passes a direct request through: NS-EL1 -> NS-EL2 (pKVM) -> EL3 -> S-EL2 -> S-EL1 and back the same way', () => {
    const plan = marshal(conv('ffa-pkvm-smc64'), call('ffa-msg-send-direct-req-64'));
    const path = plan.path!;
    expect(levels('ffa-pkvm-smc64', 'ffa-msg-send-direct-req-64')).toEqual(['NS-EL1', 'NS-EL2', 'EL3', 'S-EL2', 'S-EL1', 'S-EL2', 'EL3', 'NS-EL2', 'NS-EL1']);
    expect(path.lanes.map((l) => `${l.world}:${l.level}`)).toEqual(['non-secure:NS-EL1', 'non-secure:NS-EL2', 'secure:EL3', 'secure:S-EL2', 'secure:S-EL1']);
    // The host's smc trapped to EL2 (HCR_EL2.TSC): ESR_EL2 EC 0x17; pKVM's own smc to EL3: ESR_EL3.
    expect(path.hops[0]!.enter).toMatchObject({ how: 'trap', syndrome: { register: 'ESR_EL2', value: 0x5e000000n } });
    expect(path.hops[1]!.enter).toMatchObject({ how: 'trap', syndrome: { register: 'ESR_EL3', value: 0x5e000000n } });
    // __kvm_hyp_host_forward_smc: "ldp x0 … x17 from the host context; smc #0".
    expect(path.hops[0]!.passes!.cells).toEqual(x(0, 17));
    expect(src.pkvmForward.where).toMatch(/ldp x0 … x17 from the host context; smc #0; stp x0 … x17 back/);
    // What the host finally holds is what the kernel without pKVM holds: pKVM copies x0–x17 of the answer back.
    expect(plan.steps.at(-1)!.cells).toEqual(marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req-64')).steps.at(-1)!.cells);
  });

  it('ends the path at EL2 for a call the proxy answers (FFA_VERSION: v1.1 at most), keeping x4–x17 as ffa_set_retval leaves them', () => {
    const plan = marshal(conv('ffa-pkvm-smc32'), call('ffa-version'));
    expect(levels('ffa-pkvm-smc32', 'ffa-version')).toEqual(['NS-EL1', 'NS-EL2', 'NS-EL1']);
    expect(plan.path!.hops[plan.path!.handler]!.who).toBe('pKVM’s FF-A proxy');
    expect(plan.outputs[0]).toMatchObject({ register: 'w0', value: 0x10001n });
    expect(plan.preserved).toEqual(expect.arrayContaining(x(4, 17)));
    expect(src.pkvmRetval.where).toMatch(/cpu_reg\(ctxt, 0…3\) = res->a0…a3/);
  });

  it('ends the path at EL2 for a refused call: FFA_RXTX_MAP (SMC32) gets FFA_ERROR with NOT_SUPPORTED in w2, and nothing reaches EL3', () => {
    const plan = marshal(conv('ffa-pkvm-smc32'), call('ffa-rxtx-map-32'));
    expect(levels('ffa-pkvm-smc32', 'ffa-rxtx-map-32')).toEqual(['NS-EL1', 'NS-EL2', 'NS-EL1']);
    expect(plan.outputs.map((o) => [o.register, o.value])).toEqual([
      ['w0', 0x84000060n],
      ['w2', 0xffffffffn],
    ]);
    expect(src.pkvmUnsupported.where).toMatch(/FFA_RXTX_MAP/);
    // Without pKVM the same call reaches the SPMD and succeeds.
    expect(marshal(conv('ffa-smc32'), call('ffa-rxtx-map-32')).outputs[0]!.value).toBe(0x84000061n);
  });

  it('draws each call along the way its ID takes in kvm_host_ffa_handler (FFA_FEATURES passes for the example’s ID)', () => {
    for (const c of callsFor(catalog, conv('ffa-pkvm-smc32'))) {
      const t = pkvmTreatment(c.number.value);
      const route = levels('ffa-pkvm-smc32', c.id);
      if (c.id === 'ffa-features') expect(route).toEqual(['NS-EL1', 'NS-EL2', 'EL3', 'NS-EL2', 'NS-EL1']);
      else if (t === 'forwarded') expect(route.slice(0, 3), c.id).toEqual(['NS-EL1', 'NS-EL2', 'EL3']);
      else expect(route, c.id).toEqual(['NS-EL1', 'NS-EL2', 'NS-EL1']);
    }
  });

  it('leaves the calls as they were under the plain conventions', () => {
    expect(marshal(conv('ffa-smc32'), call('ffa-version')).path).toBeUndefined();
    expect(levels('ffa-smc64', 'ffa-msg-send-direct-req-64')[1]).toBe('EL3');
  });
});

describe('whose code handles an FF-A call, as the handler panel lists it', () => {
  const fns = (convId: string, callId: string) => {
    const plan = marshal(conv(convId), call(callId));
    return handlerSteps(handlerPathFor(plan)!, plan.call.id).map((s) => s.fn);
  };
  const partition = 'api_ffa_msg_send_direct_req → vcpu_switch, then api_ffa_msg_send_direct_resp';
  const proxy = 'pKVM: handle_trap → handle_host_smc → kvm_host_ffa_handler';

  it('a direct request over smc goes on to the partition after Hafnium’s ffa_handler; FFA_ID_GET ends at the SPMD', () => {
    expect(fns('ffa-smc64', 'ffa-msg-send-direct-req2').slice(-3)).toEqual(['hvc_smc_handler → ffa_handler', partition, 'back through the SPMD']);
    expect(fns('ffa-smc32', 'ffa-id-get')).not.toContain(partition);
  });

  it('under pKVM, a call the proxy passes on starts at pKVM’s proxy and then takes the firmware’s path', () => {
    const steps = fns('ffa-pkvm-smc64', 'ffa-msg-send-direct-req2');
    expect(steps[0]).toBe(proxy);
    expect(steps.slice(1)).toEqual(fns('ffa-smc64', 'ffa-msg-send-direct-req2'));
  });

  it('under pKVM, a call the proxy refuses or answers ends there, with no TF-A or Hafnium step', () => {
    expect(pkvmTreatment(call('ffa-rxtx-map-32').number.value)).toBe('refused');
    expect(fns('ffa-pkvm-smc32', 'ffa-rxtx-map-32')).toEqual([proxy]);
    expect(pkvmTreatment(call('ffa-partition-info-get').number.value)).toBe('handled');
    expect(fns('ffa-pkvm-smc32', 'ffa-partition-info-get')).toEqual([proxy]);
  });
});

describe('the CPU’s entry for an FF-A smc', () => {
  it('from a kernel without a hypervisor below it: taken to EL3, with the trap to EL2 only under HCR_EL2.TSC', () => {
    const flow = exceptionFor(marshal(conv('ffa-smc64'), call('ffa-msg-send-direct-req2')))!;
    expect(flow.def.level).toBe('EL3');
    expect(flow.alternative?.flow.def.level).toBe('EL2');
  });

  it('from a host under pKVM: always trapped to EL2, ELR_EL2 at the smc itself, ESR_EL2 0x5E000000, and pKVM steps past it', () => {
    const flow = exceptionFor(marshal(conv('ffa-pkvm-smc64'), call('ffa-msg-send-direct-req2')))!;
    expect(flow.def.level).toBe('EL2');
    expect(flow.alternative).toBeUndefined();
    expect(flow.entry.map((e) => [e.register, e.value])).toContainEqual(['ELR_EL2', 'address of smc itself']);
    expect(flow.entry.map((e) => [e.register, e.value])).toContainEqual(['ESR_EL2', '0x5E000000']);
    expect(flow.advance?.value).toBe('ELR_EL2 + 4');
  });
});

it('a sentence that starts with pKVM keeps its spelling', () => {
  const texts = marshal(conv('ffa-pkvm-smc64'), call('ffa-msg-send-direct-req2')).steps.map((s) => s.text);
  expect(texts.some((t) => t.startsWith('pKVM’s FF-A proxy at NS-EL2 executes smc #0'))).toBe(true);
  expect(texts.join(' ')).not.toContain('PKVM');
});

it('a call pKVM refuses draws no memory: FFA_RXTX_MAP (SMC32) maps no buffers under pKVM', () => {
  expect(marshal(conv('ffa-smc32'), call('ffa-rxtx-map-32')).memory.length).toBeGreaterThan(0);
  expect(marshal(conv('ffa-pkvm-smc32'), call('ffa-rxtx-map-32')).memory).toEqual([]);
});

describe('pKVM’s FF-A proxy as Linux 6.18 has it', () => {
  it('says under pKVM, with the 6.18 commit, what changed from the copy drawn', () => {
    const note = conv('ffa-pkvm-smc64').notes.find((n) => n.kind === 'history' && /Linux 6\.18/.test(n.text));
    expect(note?.text).toMatch(/v1\.2 rather than v1\.1/);
    expect(note?.text).toMatch(/x0–x17 rather than x0–x3/);
    expect(note?.sources.every((s) => s.url?.startsWith('https://github.com/torvalds/linux/blob/a4a508df2aa34f8650afde54ea804321c618f45f/'))).toBe(true);
  });
});

describe('the memory descriptor as Linux 6.18 has it', () => {
  it('says beside FFA_MEM_SHARE that 6.18 makes each endpoint descriptor 32 bytes from v1.2, while the layout drawn keeps 16', () => {
    const note = call('ffa-mem-share-64').notes?.find((n) => n.kind === 'history' && /Linux 6\.18/.test(n.text));
    expect(note?.text).toMatch(/32 bytes rather than 16/);
    expect(sizes.attributes).toBe(16);
    expect(note?.sources[0]?.where).toMatch(/u8 impdef_val\[16\]/);
  });
});
