import { describe, expect, it } from 'vitest';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { catalog } from '../all';
import { exceptionFor } from '../../model/exception';
import { rmiCalls } from './rmi';
import { rsiCalls } from './rsi';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);
const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

/**
 * Function IDs typed in by hand from the sources, so a wrong number fails:
 *   TF-RMM lib/smc/include/smc-rsi.h (main @9a7f8ef4) comments "FID: 0xC4000190" … "FID: 0xC4000199";
 *     Linux rsi_smc.h @287d1633: SMC_RSI_ABI_VERSION SMC_RSI_FID(0x190) … SMC_RSI_HOST_CALL SMC_RSI_FID(0x199)
 *   RMI (RMM 1.0): Linux host series rmi_smc.h @9cdebe0d SMC_RxI_CALL(0x0150 …), TF-RMM rmm-spec-v1.0-rel0
 *     SMC64_RMI_FID(U(0x0 …)) from SMC64_RMI_FNUM_MIN 0x150, and TF-RMM main's "FID: 0xC4000150" etc.
 */
const SOURCE_IDS: Record<string, bigint> = {
  'rsi-abi-version': 0xc4000190n,
  'rsi-features': 0xc4000191n,
  'rsi-measurement-read': 0xc4000192n,
  'rsi-measurement-extend': 0xc4000193n,
  'rsi-attestation-token-init': 0xc4000194n,
  'rsi-attestation-token-continue': 0xc4000195n,
  'rsi-realm-config': 0xc4000196n,
  'rsi-ipa-state-set': 0xc4000197n,
  'rsi-ipa-state-get': 0xc4000198n,
  'rsi-host-call': 0xc4000199n,
  'rmi-version': 0xc4000150n,
  'rmi-granule-delegate': 0xc4000151n,
  'rmi-granule-undelegate': 0xc4000152n,
  'rmi-data-create': 0xc4000153n,
  'rmi-realm-activate': 0xc4000157n,
  'rmi-realm-create': 0xc4000158n,
  'rmi-rec-create': 0xc400015an,
  'rmi-rec-enter': 0xc400015cn,
  'rmi-rtt-create': 0xc400015dn,
  'rmi-rtt-read-entry': 0xc4000161n,
  'rmi-psci-complete': 0xc4000164n,
  'rmi-features': 0xc4000165n,
};

describe('CCA function IDs match the sources', () => {
  it.each(Object.entries(SOURCE_IDS).map(([id, fid]) => [id, `0x${fid.toString(16).toUpperCase()}`, fid] as const))('%s = %s', (id, _hex, fid) => {
    expect(call(id).number.value).toBe(fid);
    expect(call(id).number.stated.value).toBe(fid);
  });

  it('adds exactly these calls, RSI under the realm’s convention and RMI under the host’s', () => {
    expect([...rsiCalls, ...rmiCalls].map((c) => c.id).sort()).toEqual(Object.keys(SOURCE_IDS).sort());
    expect(callsFor(catalog, conv('cca-rsi-smc64')).map((c) => c.id)).toEqual(rsiCalls.map((c) => c.id));
    expect(callsFor(catalog, conv('cca-rmi-smc64')).map((c) => c.id)).toEqual(rmiCalls.map((c) => c.id));
  });

  it('keeps RSI numbers in TF-RMM’s RSI range (0x190-0x1AF) and RMI numbers in RMM 1.0’s (0x150-0x169)', () => {
    for (const c of rsiCalls) expect(c.number.fields!.number! >= 0x190n && c.number.fields!.number! <= 0x1afn, c.id).toBe(true);
    for (const c of rmiCalls) expect(c.number.fields!.number! >= 0x150n && c.number.fields!.number! <= 0x169n, c.id).toBe(true);
  });
});

describe('a realm’s RSI call', () => {
  const rsi = conv('cca-rsi-smc64');

  it('traps from R-EL1 to the RMM at R-EL2, never to EL3, with ESR_EL2 = 0x5E000000 (EC 0x17 = ESR_EL2_EC_SMC 23, IL 1)', () => {
    const p = marshal(rsi, call('rsi-abi-version'));
    expect(p.trap.from).toBe('R-EL1');
    expect(p.trap.to).toBe('R-EL2');
    expect(p.trap.trappedBy).toBeUndefined();
    expect(p.trap.syndrome!.register).toBe('ESR_EL2');
    expect(p.trap.syndrome!.fields).toMatchObject({ EC: 23n, IL: 1n, ISS: 0n });
    expect(p.trap.syndrome!.value).toBe(0x5e000000n);
    expect(p.trap.instruction.hex).toBe('0xD4000003');
  });

  it('enters the RMM at VBAR_EL2 + 0x400 with the SMC itself as return address, and the RMM steps past it', () => {
    const flow = exceptionFor(marshal(rsi, call('rsi-features')))!;
    expect(flow.entry.map((e) => [e.register, e.value])).toEqual([
      ['ELR_EL2', 'address of smc itself'],
      ['SPSR_EL2', 'PSTATE'],
      ['ESR_EL2', '0x5E000000'],
      ['PC', 'VBAR_EL2 + 0x400'],
    ]);
    expect(flow.advance).toMatchObject({ register: 'ELR_EL2', value: 'ELR_EL2 + 4' });
  });

  it('reads a 64-byte measurement back in x1-x8, bytes 0-7 in x1 with byte 0 lowest', () => {
    const p = marshal(rsi, call('rsi-measurement-read'));
    expect(p.outputs.map((o) => o.register)).toEqual(range('x', 0, 8));
    const run = p.runs![0]!;
    expect(run.parts.map((q) => q.register)).toEqual(range('x', 1, 8));
    expect(run.parts[0]).toMatchObject({ label: 'bytes 0–7', value: 0xa7a6a5a4a3a2a1a0n });
    expect(run.value >> 504n).toBe(0xa0n);
  });

  it('takes the challenge in x1-x8 and the measurement to extend in x3-x10, beyond SMCCC 1.1’s registers', () => {
    const init = marshal(rsi, call('rsi-attestation-token-init'));
    expect(init.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)).toEqual(range('x', 1, 8));
    const ext = marshal(rsi, call('rsi-measurement-extend'));
    expect(ext.inputs.filter((s) => s.kind === 'argument').map((s) => s.register)).toEqual(range('x', 1, 10));
    expect(ext.runs![0]!.parts.map((q) => q.register)).toEqual(range('x', 3, 10));
  });

  it('joins register values typed one by one into the run, and a run typed once splits into them', () => {
    const p = marshal(rsi, call('rsi-attestation-token-init'), { x1: 0x0807060504030201n });
    expect(p.runs![0]!.value >> 448n).toBe(0x0102030405060708n);
  });

  it('answers an ID the RMM does not know with SMC_UNKNOWN (-1)', () => {
    const p = marshal(rsi, call('rsi-features'), { x0: 0xc40001a0n });
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([['x0', 0xffffffffffffffffn]]);
  });

  it('shows TF-RMM’s handler path, and the host call leaving for the host', () => {
    const path = rsi.handlerPath!;
    expect(path.steps.map((s) => s.fn)).toContain('handle_realm_rsi');
    expect(
      call('rsi-host-call')
        .notes.map((n) => n.text)
        .join(' '),
    ).toMatch(/RMI_EXIT_HOST_CALL/);
  });
});

describe('the host’s RMI call', () => {
  const rmi = conv('cca-rmi-smc64');

  it('goes from NS-EL2 to EL3 with ESR_EL3 = 0x5E000000, returning past the smc', () => {
    const p = marshal(rmi, call('rmi-realm-create'));
    expect([p.trap.from, p.trap.to]).toEqual(['NS-EL2', 'EL3']);
    expect(p.trap.syndrome!.register).toBe('ESR_EL3');
    expect(p.trap.syndrome!.value).toBe(0x5e000000n);
    const flow = exceptionFor(p)!;
    expect(flow.entry[0]).toMatchObject({ register: 'ELR_EL3', value: 'address of smc + 4' });
    expect(flow.alternative).toBeUndefined();
  });

  it('carries what TF-A’s RMMD forwards for an RMM 1.x: x1-x7 in, x0-x4 out', () => {
    expect(rmi.args).toEqual(range('x', 1, 7));
    expect(rmi.results).toEqual(range('x', 0, 4));
    const p = marshal(rmi, call('rmi-rtt-read-entry'));
    expect(p.outputs.map((o) => o.register)).toEqual(range('x', 0, 4));
    expect(marshal(rmi, call('rmi-data-create')).inputs.map((s) => s.register)).toEqual(range('x', 0, 5));
  });

  it('says which RMM version it draws and that the numbering moves', () => {
    const text = rmi.notes.map((n) => n.text).join(' ');
    expect(text).toMatch(/DEN0137 1\.0-rel0/);
    expect(text).toMatch(/0x153 to RMI_RTT_DATA_MAP_INIT/);
  });
});

describe('the levels and worlds CCA’s calls cross', () => {
  const hops = (convId: string, callId: string) => marshal(conv(convId), call(callId)).path!.hops.map((h) => `${h.level}/${h.world}`);

  it('an RSI call stays in the Realm world: R-EL1 -> R-EL2 -> R-EL1', () => {
    expect(hops('cca-rsi-smc64', 'rsi-measurement-read')).toEqual(['R-EL2/realm', 'R-EL1/realm']);
  });

  it('RSI_HOST_CALL leaves for the host through EL3 and comes back through the host’s next RMI_REC_ENTER', () => {
    expect(hops('cca-rsi-smc64', 'rsi-host-call')).toEqual(['R-EL2/realm', 'EL3/root', 'NS-EL2/non-secure', 'EL3/root', 'R-EL2/realm', 'R-EL1/realm']);
    const p = marshal(conv('cca-rsi-smc64'), call('rsi-host-call')).path!;
    expect(p.hops[0]!.passes!.cells).toEqual([]);
    expect(p.hops[p.handler]!.level).toBe('NS-EL2');
  });

  it('the host answering RSI_HOST_CALL is said to read the REC exit, not the realm’s x0 (which then holds RMI_REC_ENTER’s status)', () => {
    const handle = marshal(conv('cca-rsi-smc64'), call('rsi-host-call')).steps.find((s) => s.phase === 'handle')!;
    expect(handle.text).toMatch(/^The host hypervisor \(KVM\) reads rec_run\.exit \(exit_reason RMI_EXIT_HOST_CALL/);
    expect(handle.text).not.toMatch(/reads x0 = /);
  });

  it('an RMI call goes NS-EL2 -> EL3 -> R-EL2 -> EL3 -> NS-EL2, x0-x7 onward and x0-x4 back, with ESR_EL3 = 0x5E000000 at EL3', () => {
    expect(hops('cca-rmi-smc64', 'rmi-rec-enter')).toEqual(['EL3/root', 'R-EL2/realm', 'EL3/root', 'NS-EL2/non-secure']);
    const p = marshal(conv('cca-rmi-smc64'), call('rmi-rec-enter')).path!;
    expect(p.hops[0]!.passes!.cells).toEqual(range('x', 0, 7));
    expect(p.hops[2]!.passes!.cells).toEqual(range('x', 0, 4));
    const enter = p.hops[0]!.enter;
    expect(enter.how === 'trap' && [enter.syndrome!.register, enter.syndrome!.value]).toEqual(['ESR_EL3', 0x5e000000n]);
  });
});
