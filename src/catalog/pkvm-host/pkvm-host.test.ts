import { describe, expect, it } from 'vitest';
import { marshal } from '../../model/plan';
import { callsFor, requireCall, requireConvention } from '../index';
import { HOST_SMCCC_FUNCS, LINUX_6_18_HOST_SMCCC_FUNCS, numberingShifts, OLDER_HOST_SMCCC_FUNCS, pkvmHostCalls } from './index';
import { catalog } from '../all';

const call = (id: string) => requireCall(catalog, id);
const conv = (id: string) => requireConvention(catalog, id);

/**
 * Function IDs typed in by hand from the sources, so a wrong number fails:
 *   arch/arm64/include/asm/kvm_asm.h (mirror @0291023e):
 *     KVM_HOST_SMCCC_ID(id) = ARM_SMCCC_CALL_VAL(FAST 1, SMC_64 1, OWNER_VENDOR_HYP 6, id)
 *       = (1 << 31) | (1 << 30) | (6 << 24) | id = 0xC6000000 + id
 *     __kvm_hyp_init 0; then the enum: __pkvm_init 1, __pkvm_create_private_mapping 2,
 *     __pkvm_cpu_set_vector 3, __kvm_enable_ssbs 4, __vgic_v3_init_lrs 5,
 *     __vgic_v3_get_gic_config 6, __pkvm_prot_finalize 7, __pkvm_host_share_hyp 8,
 *     __pkvm_host_unshare_hyp 9, __pkvm_host_share_guest 10, __pkvm_host_unshare_guest 11,
 *     … __kvm_adjust_pc 16, __kvm_vcpu_run 17, … __pkvm_init_vm 27, __pkvm_init_vcpu 28,
 *     __pkvm_teardown_vm 29, __pkvm_vcpu_load 30, __pkvm_vcpu_put 31, __pkvm_tlb_flush_vmid 32
 */
const SOURCE_IDS: Record<string, bigint> = {
  'pkvm-host-pkvm-init': 0xc6000001n,
  'pkvm-host-pkvm-create-private-mapping': 0xc6000002n,
  'pkvm-host-pkvm-cpu-set-vector': 0xc6000003n,
  'pkvm-host-pkvm-prot-finalize': 0xc6000007n,
  'pkvm-host-pkvm-host-share-hyp': 0xc6000008n,
  'pkvm-host-pkvm-host-unshare-hyp': 0xc6000009n,
  'pkvm-host-pkvm-host-share-guest': 0xc600000an,
  'pkvm-host-pkvm-host-unshare-guest': 0xc600000bn,
  'pkvm-host-kvm-vcpu-run': 0xc6000011n,
  'pkvm-host-pkvm-init-vm': 0xc600001bn,
  'pkvm-host-pkvm-init-vcpu': 0xc600001cn,
  'pkvm-host-pkvm-teardown-vm': 0xc600001dn,
  'pkvm-host-pkvm-vcpu-load': 0xc600001en,
  'pkvm-host-pkvm-vcpu-put': 0xc600001fn,
  'pkvm-host-pkvm-tlb-flush-vmid': 0xc6000020n,
};

describe('pKVM host hypercall IDs match kvm_asm.h', () => {
  it.each(Object.entries(SOURCE_IDS).map(([id, fid]) => [id, `0x${fid.toString(16).toUpperCase()}`, fid] as const))('%s = %s', (id, _hex, fid) => {
    expect(call(id).number.value).toBe(fid);
    expect(call(id).number.stated.value).toBe(fid);
  });

  it('adds exactly these calls', () => {
    expect(pkvmHostCalls.map((c) => c.id).sort()).toEqual(Object.keys(SOURCE_IDS).sort());
  });

  it('transcribes the enum whole: 33 entries from __kvm_hyp_init to __pkvm_tlb_flush_vmid, none twice', () => {
    expect(HOST_SMCCC_FUNCS.length).toBe(33);
    expect(HOST_SMCCC_FUNCS[0]).toBe('__kvm_hyp_init');
    expect(HOST_SMCCC_FUNCS.at(-1)).toBe('__pkvm_tlb_flush_vmid');
    expect(new Set(HOST_SMCCC_FUNCS).size).toBe(HOST_SMCCC_FUNCS.length);
  });
});

/**
 * The older numbering, typed by hand from the torvalds/linux copy of
 * kvm_asm.h @01b94b0f: __kvm_hyp_init 0, __kvm_get_mdcr_el2 = __kvm_hyp_init + 1,
 * __pkvm_init 2, __pkvm_create_private_mapping 3, __pkvm_cpu_set_vector 4,
 * __kvm_enable_ssbs 5, __vgic_v3_init_lrs 6, __vgic_v3_get_gic_config 7,
 * __pkvm_prot_finalize 8, __pkvm_host_share_hyp 9, __pkvm_host_unshare_hyp 10,
 * __kvm_adjust_pc 11, __kvm_vcpu_run 12, … __kvm_tlb_flush_vmid 16,
 * __kvm_flush_cpu_context 17, __kvm_timer_set_cntvoff 18, __vgic_v3_read_vmcr 19,
 * __vgic_v3_write_vmcr 20, __vgic_v3_save_aprs 21, __vgic_v3_restore_aprs 22,
 * __pkvm_vcpu_init_traps 23, __pkvm_init_vm 24, __pkvm_init_vcpu 25, __pkvm_teardown_vm 26.
 */
describe('the older numbering the note compares with', () => {
  it.each([
    ['__kvm_get_mdcr_el2', 1],
    ['__pkvm_init', 2],
    ['__pkvm_prot_finalize', 8],
    ['__pkvm_host_share_hyp', 9],
    ['__kvm_vcpu_run', 12],
    ['__kvm_flush_cpu_context', 17],
    ['__pkvm_vcpu_init_traps', 23],
    ['__pkvm_init_vm', 24],
    ['__pkvm_teardown_vm', 26],
  ] as const)('%s = %d', (name, n) => {
    expect(OLDER_HOST_SMCCC_FUNCS.indexOf(name)).toBe(n);
  });

  it('has 27 entries, none twice', () => {
    expect(OLDER_HOST_SMCCC_FUNCS.length).toBe(27);
    expect(new Set(OLDER_HOST_SMCCC_FUNCS).size).toBe(27);
  });

  it('says, run by run, how far each call moved between the two copies', () => {
    expect(numberingShifts()).toBe(
      '__pkvm_init … __pkvm_host_unshare_hyp (1–9 here) are 1 higher there; ' +
        '__kvm_adjust_pc … __kvm_tlb_flush_vmid (16–21 here) are 5 lower there; ' +
        '__kvm_flush_cpu_context … __kvm_timer_set_cntvoff (23–24 here) are 6 lower there; ' +
        '__pkvm_init_vm … __pkvm_teardown_vm (27–29 here) are 3 lower there',
    );
  });

  it('puts that comparison on screen, with the commits of both copies', () => {
    const text = conv('pkvm-host-hvc64').notes.map((n) => n.text).join(' ');
    expect(text).toContain(numberingShifts());
    expect(text).toMatch(/01b94b0f/);
    expect(text).toMatch(/Only in that copy: __kvm_get_mdcr_el2, __vgic_v3_read_vmcr, __vgic_v3_write_vmcr, __vgic_v3_save_aprs, __vgic_v3_restore_aprs, __pkvm_vcpu_init_traps\./);
  });
});

/*
 * kvm_asm.h in torvalds/linux @a4a508df (Makefile 6.18.0), read by hand:
 * ... __vgic_v3_restore_vmcr_aprs 26, __pkvm_reserve_vm 27, __pkvm_unreserve_vm 28,
 * __pkvm_init_vm 29, __pkvm_init_vcpu 30, __pkvm_teardown_vm 31, __pkvm_vcpu_load 32,
 * __pkvm_vcpu_put 33, __pkvm_tlb_flush_vmid 34.
 */
describe('the Linux 6.18 numbering the later note compares with', () => {
  it.each([
    ['__vgic_v3_restore_vmcr_aprs', 26],
    ['__pkvm_reserve_vm', 27],
    ['__pkvm_unreserve_vm', 28],
    ['__pkvm_init_vm', 29],
    ['__pkvm_tlb_flush_vmid', 34],
  ] as const)('%s = %d', (name, n) => {
    expect(LINUX_6_18_HOST_SMCCC_FUNCS.indexOf(name)).toBe(n);
  });

  it('says on screen that from __pkvm_init_vm on 6.18 numbers the calls two higher', () => {
    const text = conv('pkvm-host-hvc64').notes.map((n) => n.text).join(' ');
    expect(numberingShifts(LINUX_6_18_HOST_SMCCC_FUNCS)).toBe('__pkvm_init_vm … __pkvm_tlb_flush_vmid (27–32 here) are 2 higher there');
    expect(text).toContain(numberingShifts(LINUX_6_18_HOST_SMCCC_FUNCS));
    expect(text).toMatch(/a4a508df, whose Makefile reads 6\.18\.0/);
  });
});

describe('a host hypercall as handle_host_hcall sees it', () => {
  const c = conv('pkvm-host-hvc64');

  it('is hvc #0 from the host at EL1 to EL2, with the ID in x0', () => {
    const p = marshal(c, call('pkvm-host-pkvm-host-share-hyp'), { x1: 0x8a000n });
    expect(p.trap.instruction.text).toBe('hvc #0');
    expect(p.trap.from).toBe('EL1');
    expect(p.trap.to).toBe('EL2');
    expect(p.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 0xc6000008n],
      ['x1', 0x8a000n],
    ]);
  });

  it('answers SMCCC_RET_SUCCESS in x0 and the handler’s return value in x1', () => {
    const p = marshal(c, call('pkvm-host-pkvm-host-share-hyp'));
    expect(p.outputs.map((o) => [o.register, o.value])).toEqual([
      ['x0', 0n],
      ['x1', 0n],
    ]);
  });

  it('gives back x2-x17 as the host passed them: __host_enter_restore_full reloads them from the saved host context', () => {
    const p = marshal(c, call('pkvm-host-pkvm-init'));
    expect(p.lost).toEqual([]);
    for (const r of ['x2', 'x3', 'x4', 'x5', 'x17']) expect(p.preserved).toContain(r);
  });

  it('keeps x1 for a handler that writes no return value, and treats it as the result otherwise', () => {
    expect(marshal(c, call('pkvm-host-pkvm-vcpu-put')).preserved).toContain('x1');
    expect(marshal(c, call('pkvm-host-pkvm-tlb-flush-vmid')).preserved).toContain('x1');
    expect(marshal(c, call('pkvm-host-pkvm-host-share-hyp')).preserved).not.toContain('x1');
  });

  it('states what a successful __pkvm_init returns, from __pkvm_init_finalise, with nothing left unconfirmed about it', () => {
    const init = call('pkvm-host-pkvm-init');
    expect(init.results.find((r) => r.register === 'x1')!.meaning).toMatch(/__pkvm_init_finalise/);
    expect(init.notes.some((n) => n.kind === 'unconfirmed')).toBe(false);
    expect(init.notes.map((n) => n.text).join(' ')).toMatch(/__host_enter/);
  });

  it('puts __pkvm_init’s five arguments in x1-x5, as its handler’s DECLARE_REG lines read them', () => {
    const p = marshal(c, call('pkvm-host-pkvm-init'));
    expect(p.inputs.filter((s) => s.kind === 'argument').map((s) => [s.register, s.name])).toEqual([
      ['x1', 'phys'],
      ['x2', 'size'],
      ['x3', 'nr_cpus'],
      ['x4', 'per_cpu_base'],
      ['x5', 'hyp_va_bits'],
    ]);
  });

  it('answers an ID with no handler with SMCCC_RET_NOT_SUPPORTED (-1)', () => {
    const p = marshal(c, call('pkvm-host-pkvm-vcpu-put'), { x0: 0xc6000040n });
    expect(p.outputs).toHaveLength(1);
    expect(p.outputs[0]!.value).toBe(0xffffffffffffffffn);
  });

  it('offers only the host calls under the host convention, and none of them under SMCCC', () => {
    expect(
      callsFor(catalog, c)
        .map((x) => x.id)
        .sort(),
    ).toEqual(Object.keys(SOURCE_IDS).sort());
    for (const id of ['smccc-1.1-hvc64', 'smccc-1.2-hvc64']) expect(callsFor(catalog, conv(id)).some((x) => x.family === 'pkvm-host')).toBe(false);
  });

  it('says on screen that these are host-to-hypervisor calls, and names the commit the numbers were read at', () => {
    const text = c.notes.map((n) => n.text).join(' ');
    expect(text).toMatch(/Host-to-hypervisor, not guest-to-hypervisor/);
    expect(text).toMatch(/0291023e/);
  });
});

describe('pKVM drawn as its own level', () => {
  const plan = marshal(conv('pkvm-host-hvc64'), call('pkvm-host-pkvm-host-share-hyp'));
  const path = plan.path!;

  it('goes from the host kernel at NS-EL1 to pKVM at NS-EL2 and back, one Non-secure world', () => {
    expect([path.from, ...path.hops].map((h) => `${h.level}/${h.world}/${h.who}`)).toEqual([
      'NS-EL1/non-secure/the host kernel',
      'NS-EL2/non-secure/pKVM',
      'NS-EL1/non-secure/the host kernel',
    ]);
    expect(plan.steps.filter((s) => s.phase === 'handle').every((s) => s.level === 'NS-EL2')).toBe(true);
  });

  it('reads ESR_EL2 = 0x5A000000 at pKVM: an HVC64 (EC 0x16) with imm 0, which handle_trap sends to handle_host_hcall', () => {
    const at = path.hops[0]!;
    expect(at.enter).toMatchObject({ how: 'trap', instruction: { text: 'hvc #0' }, syndrome: { register: 'ESR_EL2', value: 0x5a000000n, fields: { EC: 0x16n } } });
    expect(at.sources.map((s) => s.where).join(' ')).toMatch(/case ESR_ELx_EC_HVC64: handle_host_hcall/);
  });

  it('hands the host back every register (the whole host context), as the single-hop rules say', () => {
    expect(path.hops[0]!.passes!.cells).toEqual(plan.convention.arch.registers.map((r) => r.name));
    const single = marshal({ ...conv('pkvm-host-hvc64'), path: undefined }, call('pkvm-host-pkvm-host-share-hyp'));
    expect(plan.steps.at(-1)!.cells).toEqual(single.steps.at(-1)!.cells);
  });
});
