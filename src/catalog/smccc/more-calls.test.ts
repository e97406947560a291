import { describe, expect, it } from 'vitest';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { smcccCalls } from './calls';
import { moreSmcccCalls } from './more-calls';
import { catalog } from '../all';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * Function IDs as the sources write them, typed in by hand:
 *   include/uapi/linux/psci.h: PSCI_0_2_FN_BASE 0x84000000, PSCI_0_2_64BIT 0x40000000, FN(n) = base + n
 *     (PSCI_VERSION n = 0, SYSTEM_RESET2 n = 18)
 *   TF-A include/services/arm_arch_svc.h: SMCCC_VERSION U(0x80000000), SMCCC_ARCH_FEATURES U(0x80000001),
 *     SMCCC_ARCH_WORKAROUND_1 U(0x80008000), _2 U(0x80007FFF), _3 U(0x80003FFF)
 *   include/linux/arm-smccc.h: ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID = CALL_VAL(FAST, SMC_32, VENDOR_HYP 6, 0xff01)
 *   TF-A include/services/trng_svc.h: ARM_TRNG_VERSION U(0x84000050) … ARM_TRNG_RND64 U(0xC4000053)
 *   Documentation/virt/kvm/arm/pvtime.rst: PV_TIME_FEATURES 0xC5000020, PV_TIME_ST 0xC5000021
 *   Documentation/virt/kvm/arm/hypercalls.rst and ptp_kvm.rst: 0x86000000, 0x86000001, 0xC6000002/3/4/7
 */
const SOURCE_IDS: Record<string, bigint> = {
  'smccc-version': 0x80000000n,
  'smccc-arch-features': 0x80000001n,
  'psci-version': 0x84000000n,
  'psci-system-reset2-32': 0x84000012n,
  'psci-system-reset2-64': 0xc4000012n,
  'kvm-vendor-call-uid': 0x8600ff01n,
  'psci-cpu-suspend-32': 0x84000001n,
  'psci-cpu-suspend-64': 0xc4000001n,
  'psci-cpu-off': 0x84000002n,
  'psci-affinity-info-32': 0x84000004n,
  'psci-affinity-info-64': 0xc4000004n,
  'psci-migrate-info-type': 0x84000006n,
  // psci.h: PSCI_0_2_FN(5), PSCI_0_2_FN64(5), PSCI_0_2_FN(7), PSCI_0_2_FN64(7), PSCI_1_0_FN(14), PSCI_1_0_FN64(14)
  'psci-migrate-32': 0x84000005n,
  'psci-migrate-64': 0xc4000005n,
  'psci-migrate-info-up-cpu-32': 0x84000007n,
  'psci-migrate-info-up-cpu-64': 0xc4000007n,
  'psci-system-suspend-32': 0x8400000en,
  'psci-system-suspend-64': 0xc400000en,
  'psci-system-off': 0x84000008n,
  'psci-system-reset': 0x84000009n,
  'psci-features': 0x8400000an,
  'smccc-arch-workaround-1': 0x80008000n,
  'smccc-arch-workaround-2': 0x80007fffn,
  'smccc-arch-workaround-3': 0x80003fffn,
  'trng-version': 0x84000050n,
  'trng-features': 0x84000051n,
  'trng-get-uuid': 0x84000052n,
  'trng-rnd32': 0x84000053n,
  'trng-rnd64': 0xc4000053n,
  'pv-time-features': 0xc5000020n,
  'pv-time-st': 0xc5000021n,
  'kvm-vendor-features': 0x86000000n,
  'kvm-vendor-ptp': 0x86000001n,
  'kvm-vendor-hyp-meminfo': 0xc6000002n,
  'kvm-vendor-mem-share': 0xc6000003n,
  'kvm-vendor-mem-unshare': 0xc6000004n,
  'kvm-vendor-mmio-guard': 0xc6000007n,
  // TF-A arm_arch_svc.h SMCCC_ARCH_SOC_ID U(0x80000002); hypercalls.rst "Function ID: (uint32) 0xC6000040" / "0xC6000041"
  'smccc-arch-soc-id': 0x80000002n,
  'kvm-vendor-discover-impl-ver': 0xc6000040n,
  'kvm-vendor-discover-impl-cpus': 0xc6000041n,
};

describe('more SMCCC function IDs match the sources', () => {
  it.each(Object.entries(SOURCE_IDS).map(([id, fid]) => [id, `0x${fid.toString(16).toUpperCase()}`, fid] as const))('%s = %s', (id, _hex, fid) => {
    expect(call(id).number.value).toBe(fid);
    expect(call(id).number.stated.value).toBe(fid);
    expect(call(id).family).toBe('smccc');
  });

  it('adds exactly these calls', () => {
    expect(moreSmcccCalls.map((c) => c.id).sort()).toEqual(Object.keys(SOURCE_IDS).sort());
  });

  it('duplicates no call of calls.ts, by id or by function ID', () => {
    const ids = new Set(smcccCalls.map((c) => c.id));
    const fids = new Set(smcccCalls.map((c) => c.number.value));
    for (const c of moreSmcccCalls) {
      expect(ids.has(c.id), c.id).toBe(false);
      expect(fids.has(c.number.value), c.id).toBe(false);
    }
    expect(new Set(moreSmcccCalls.map((c) => c.number.value)).size).toBe(moreSmcccCalls.length);
  });

  it('computes the PSCI 64-bit IDs as FN_BASE + 64BIT + n', () => {
    for (const [id, n] of [
      ['psci-cpu-suspend-64', 1n],
      ['psci-affinity-info-64', 4n],
    ] as const)
      expect(call(id).number.value).toBe(0x84000000n + 0x40000000n + n);
  });

  it('does not return from CPU_OFF, SYSTEM_OFF, SYSTEM_RESET, SYSTEM_RESET2 or SYSTEM_SUSPEND', () => {
    const noReturn = [
      'psci-cpu-off',
      'psci-system-off',
      'psci-system-reset',
      'psci-system-reset2-32',
      'psci-system-reset2-64',
      'psci-system-suspend-32',
      'psci-system-suspend-64',
    ];
    for (const c of moreSmcccCalls) expect(c.returnsOnSuccess, c.id).toBe(!noReturn.includes(c.id));
  });
});

describe('the width bit decides which conventions offer a call', () => {
  it('offers SMC64 calls under HVC64 only and SMC32 calls under HVC32 and AArch32', () => {
    const hvc64 = callsFor(catalog, conv('smccc-1.1-hvc64')).map((c) => c.id);
    const hvc32 = callsFor(catalog, conv('smccc-1.1-hvc32')).map((c) => c.id);
    const a32 = callsFor(catalog, conv('smccc-1.1-hvc32-aarch32')).map((c) => c.id);
    for (const [id, fid] of Object.entries(SOURCE_IDS)) {
      const is64 = (fid & 0x40000000n) !== 0n;
      expect(hvc64.includes(id), `${id} under hvc64`).toBe(is64);
      expect(hvc32.includes(id), `${id} under hvc32`).toBe(!is64);
      expect(a32.includes(id), `${id} under aarch32`).toBe(!is64);
    }
  });
});

describe('register placement in the plan', () => {
  it('CPU_SUSPEND (SMC64): x0 = 0xC4000001, power_state x1, entry point x2, context_id x3 (as psci.c passes them)', () => {
    const plan = marshal(conv('smccc-1.1-hvc64'), call('psci-cpu-suspend-64'));
    expect(plan.inputs.map((s) => [s.register, s.name])).toEqual([
      ['x0', 'function ID'],
      ['x1', 'power_state'],
      ['x2', 'entry_point_address'],
      ['x3', 'context_id'],
    ]);
    expect(plan.inputs[0]!.value).toBe(0xc4000001n);
    expect(plan.trap.instruction.hex).toBe('0xD4000002');
  });

  it('AFFINITY_INFO from AArch32: r1 target_affinity, r2 lowest_affinity_level', () => {
    const plan = marshal(conv('smccc-1.1-hvc32-aarch32'), call('psci-affinity-info-32'));
    expect(plan.inputs.map((s) => [s.register, s.name])).toEqual([
      ['r0', 'function ID'],
      ['r1', 'target_affinity'],
      ['r2', 'lowest_affinity_level'],
    ]);
    expect(plan.outputs.map((o) => [o.register, o.value])).toEqual([['r0', 1n]]);
  });

  it('PSCI_FEATURES passes the queried function ID in w1', () => {
    const plan = marshal(conv('smccc-1.1-hvc32'), call('psci-features'));
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['w0', 0x8400000an],
      ['w1', 0xc4000001n],
    ]);
  });

  it('CPU_OFF failure code fits w0 as a 32-bit DENIED (-3)', () => {
    const plan = marshal(conv('smccc-1.1-smc32'), call('psci-cpu-off'));
    expect(plan.outputs).toEqual([expect.objectContaining({ register: 'w0', value: 0xfffffffdn })]);
  });

  it('TRNG_RND64 returns status in x0 and entropy in x1-x3, lowest bits in x3', () => {
    const plan = marshal(conv('smccc-1.1-smc64'), call('trng-rnd64'));
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 0xc4000053n],
      ['x1', 64n],
    ]);
    expect(plan.outputs.map((o) => [o.register, o.name])).toEqual([
      ['x0', 'status'],
      ['x1', 'entropy[191:128]'],
      ['x2', 'entropy[127:64]'],
      ['x3', 'entropy[63:0]'],
    ]);
  });

  it('TRNG_RND32 returns 96 bits in w1-w3', () => {
    const plan = marshal(conv('smccc-1.1-smc32'), call('trng-rnd32'));
    expect(plan.outputs.map((o) => [o.register, o.name])).toEqual([
      ['w0', 'status'],
      ['w1', 'entropy[95:64]'],
      ['w2', 'entropy[63:32]'],
      ['w3', 'entropy[31:0]'],
    ]);
  });

  it('TRNG_GET_UUID returns the UUID as four little-endian words', () => {
    const uuid = '0d21e000-4384-11eb-8070-5244554e5a4c';
    const bytes = uuid
      .replace(/-/g, '')
      .match(/../g)!
      .map((b) => parseInt(b, 16));
    const words = [0, 1, 2, 3].map((i) => BigInt(bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16)) + (BigInt(bytes[4 * i + 3]!) << 24n));
    expect(call('trng-get-uuid').results.map((r) => r.example)).toEqual(words);
  });

  it('KVM PTP (HVC32): counter type in w1, four 32-bit halves back in w0-w3', () => {
    const plan = marshal(conv('smccc-1.1-hvc32'), call('kvm-vendor-ptp'));
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['w0', 0x86000001n],
      ['w1', 0n],
    ]);
    expect(plan.outputs.map((o) => o.register)).toEqual(['w0', 'w1', 'w2', 'w3']);
  });

  it('KVM FEATURES returns four bitmaps in w0-w3', () => {
    const plan = marshal(conv('smccc-1.1-hvc32'), call('kvm-vendor-features'));
    expect(plan.inputs.map((s) => s.register)).toEqual(['w0']);
    expect(plan.outputs.map((o) => o.name)).toEqual(['bitmap[0]', 'bitmap[1]', 'bitmap[2]', 'bitmap[3]']);
  });

  it('pKVM MEM_SHARE: IPA in x1, x2 and x3 must be zero', () => {
    const plan = marshal(conv('smccc-1.1-hvc64'), call('kvm-vendor-mem-share'), { x1: 0x90000000n });
    expect(plan.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 0xc6000003n],
      ['x1', 0x90000000n],
      ['x2', 0n],
      ['x3', 0n],
    ]);
  });

  it('PV_TIME_ST takes no argument and returns the IPA in x0', () => {
    const plan = marshal(conv('smccc-1.1-hvc64'), call('pv-time-st'));
    expect(plan.inputs.map((s) => s.register)).toEqual(['x0']);
    expect(plan.outputs.map((o) => o.register)).toEqual(['x0']);
  });
});
