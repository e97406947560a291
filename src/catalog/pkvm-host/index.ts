import type { ArgDef, Call, ResultDef } from '../../model/call';
import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { toTwosComplement } from '../../model/value';
import { aarch64 } from '../arch/aarch64';
import type { Family } from '../family';
import { convention as smcccConvention } from '../smccc/conventions';
import { callVal } from '../smccc/function-id';
import { HOST_SMCCC_FUNCS, type HostFunc, LINUX_6_18_HOST_SMCCC_FUNCS, numberIn, OLDER_HOST_SMCCC_FUNCS, onlyIn } from './numbering';
import { hostHcallPath } from './path';
import { LINUX_6_18 } from '../docs';
import { asm618, HYP_MAIN_AT, hypMain, kvmAsm, MIRROR_AT, NVHE_AT, OLDER_AT, olderAsm, src } from './sources';
import { pkvmHostHcall } from './handlers';

/**
 * pKVM's host hypercalls: the host kernel at EL1 asking the protected
 * hypervisor at EL2 to act for it, with hvc #0 and x0 = KVM_HOST_SMCCC_ID(n).
 * Host-to-hypervisor, not guest-to-hypervisor: a protected guest's own calls
 * (HYP_MEMINFO, MEM_SHARE, …) are SMCCC vendor calls in the SMCCC family.
 */

export const FAMILY = 'pkvm-host';

export { HOST_SMCCC_FUNCS, LINUX_6_18_HOST_SMCCC_FUNCS, OLDER_HOST_SMCCC_FUNCS } from './numbering';

/** The first call the host may still make once pKVM is initialised: the earlier ones are refused then. */
const FIRST_AFTER_INIT = HOST_SMCCC_FUNCS.indexOf('__pkvm_prot_finalize');

// ---------------------------------------------------------------- notes

const hostNotGuest: Note = {
  kind: 'info',
  text:
    'Host-to-hypervisor, not guest-to-hypervisor: the caller is the host Linux kernel, deprivileged to EL1 by pKVM, asking the hypervisor it booted to map, share or run things for it. ' +
    'A protected guest calls pKVM through the SMCCC vendor-hypervisor calls (HYP_MEMINFO, MEM_SHARE, …) instead. The two ABIs share the number space 0xC6000000 + n: ' +
    '0xC6000002 is HYP_MEMINFO from a guest but __pkvm_create_private_mapping from the host; the hypervisor tells them apart by who trapped, not by the number.',
  sources: [src.trap, src.hostId, src.caller],
};

/** How another copy's numbers differ from the mirror's, run by run, worked out from the two transcriptions. */
export function numberingShifts(other: readonly string[] = OLDER_HOST_SMCCC_FUNCS): string {
  const runs: { from: HostFunc; to: HostFunc; shift: number }[] = [];
  let open = false;
  for (const f of HOST_SMCCC_FUNCS) {
    const there = numberIn(other, f);
    if (there === undefined) {
      open = false;
      continue;
    }
    const shift = there - HOST_SMCCC_FUNCS.indexOf(f);
    const last = runs.at(-1);
    if (open && last && last.shift === shift) last.to = f;
    else runs.push({ from: f, to: f, shift });
    open = true;
  }
  const here = (f: HostFunc) => HOST_SMCCC_FUNCS.indexOf(f);
  return runs
    .filter((r) => r.shift !== 0)
    .map((r) => {
      const names = r.from === r.to ? r.from : `${r.from} … ${r.to}`;
      const nums = r.from === r.to ? `${here(r.from)}` : `${here(r.from)}–${here(r.to)}`;
      return `${names} (${nums} here) are ${Math.abs(r.shift)} ${r.shift > 0 ? 'higher' : 'lower'} there`;
    })
    .join('; ');
}

const internalNumbering: Note = {
  kind: 'history',
  text:
    'The numbers are internal to the kernel: they are positions in enum __kvm_host_smccc_func, which gains, loses and reorders entries between releases, and host and hypervisor are always built together. ' +
    `Shown as read in a mirror of mainline at ${MIRROR_AT.slice(0, 8)}, a tree around Linux 6.17: the mirror's Makefile, stored only at another commit, reads 6.17-rc3, and a patch posted against the kvmarm tree in November 2025 shows two entries this copy lacks (see the next note). The exact release tag was not established. ` +
    `The torvalds/linux copy at ${OLDER_AT.slice(0, 8)} (release not established either) numbers them differently: ${numberingShifts()}. ` +
    `Only in that copy: ${onlyIn(OLDER_HOST_SMCCC_FUNCS, HOST_SMCCC_FUNCS).join(', ')}. Only in the mirror's: ${onlyIn(HOST_SMCCC_FUNCS, OLDER_HOST_SMCCC_FUNCS).join(', ')}.`,
  sources: [
    src.enumStart,
    src.makefile,
    olderAsm('enum __kvm_host_smccc_func: __KVM_HOST_SMCCC_FUNC___kvm_get_mdcr_el2 = __KVM_HOST_SMCCC_FUNC___kvm_hyp_init + 1, __pkvm_init, … __pkvm_vcpu_init_traps, __pkvm_init_vm, __pkvm_init_vcpu, __pkvm_teardown_vm'),
  ],
};

const laterNumbering: Note = {
  kind: 'history',
  text:
    'Later trees insert more entries: __pkvm_reserve_vm and __pkvm_unreserve_vm (and __pkvm_init_vm takes a reserved handle). ' +
    `torvalds/linux at ${LINUX_6_18.slice(0, 8)}, whose Makefile reads 6.18.0 (Linux 6.18), has them right after __vgic_v3_restore_vmcr_aprs, where a patch posted against the kvmarm tree on 3 November 2025 shows them too: ` +
    `${numberingShifts(LINUX_6_18_HOST_SMCCC_FUNCS)}; the calls before them keep their numbers. ` +
    'Whether 6.17 already has them was not read in a torvalds/linux tree; the mirror, around 6.17-rc3, does not.',
  sources: [
    asm618(
      'enum __kvm_host_smccc_func: … __KVM_HOST_SMCCC_FUNC___vgic_v3_restore_vmcr_aprs, __KVM_HOST_SMCCC_FUNC___pkvm_reserve_vm, __KVM_HOST_SMCCC_FUNC___pkvm_unreserve_vm, __KVM_HOST_SMCCC_FUNC___pkvm_init_vm, … __KVM_HOST_SMCCC_FUNC___pkvm_tlb_flush_vmid',
    ),
    src.makefile618,
    src.laterEnum,
    {
      title: 'android-kvm linux commit "KVM: arm64: Introduce separate hypercalls for pKVM VM reservation and initialization" (branch tabba/hyp-handle)',
      where: 'commit message: __pkvm_reserve_vm, __pkvm_unreserve_vm, __pkvm_init_vm "now expects a pre-reserved handle"',
      url: 'https://android-kvm.googlesource.com/linux/+/refs/heads/tabba/hyp-handle%5E',
    },
  ],
};

const finalisation: Note = {
  kind: 'info',
  text:
    'Calls numbered below __pkvm_prot_finalize are "available only prior to pKVM finalisation": once protected mode is initialised, handle_host_hcall answers them with SMCCC_RET_NOT_SUPPORTED in x0.',
  sources: [src.enumSplit, src.finalised, src.inval],
};

const sveHint: Note = {
  kind: 'info',
  text: 'The hypervisor clears the SMCCC 1.3 SVE hint (bit 16) before it subtracts KVM_HOST_SMCCC_ID(0), so a host that sets the hint reaches the same call.',
  sources: [src.dispatch],
};

const hostSmc: Note = {
  kind: 'info',
  text:
    'Only the host’s hvc reaches this dispatcher. The host’s smc instructions also trap to pKVM, which handles PSCI and FF-A itself (its FF-A proxy) and forwards anything else to EL3.',
  sources: [src.hostSmc],
};

const readOnlyHandlers: Note = {
  kind: 'unconfirmed',
  text:
    'Each argument is named and typed as its handler’s DECLARE_REG line declares it, and each description says what the handler does with it. ' +
    'The functions the handlers call (__pkvm_host_share_hyp, __pkvm_init_vm, … in mem_protect.c and pkvm.c) were not read, so what they check and change is not described.',
  sources: [src.table],
};

const returnPath: Note = {
  kind: 'info',
  text:
    'What comes back: every host hvc enters __host_exit, which saves x0–x17 and x18–x29 and lr into the host context; handle_host_hcall writes x0 there (SMCCC_RET_SUCCESS, or NOT_SUPPORTED), the handler writes x1 if it returns a value, ' +
    'and __host_enter_restore_full reloads x0–x17 and x18–x30 from the context before eret. So x2–x17 come back as the host passed them, and x1 too when the handler writes nothing. ' +
    'The host\'s helper arm_smccc_1_1_hvc() still treats x0–x3 as outputs; kvm_call_hyp_nvhe() reads only a0 and a1.',
  sources: [src.hostExit, src.hostEnter, src.success, src.declareReg, src.caller],
};

const readAt: Note = {
  kind: 'info',
  text:
    `Read in torvalds/linux: the hypervisor's entry and exit code (host.S) at ${NVHE_AT.slice(0, 8)}, hyp-main.c at ${HYP_MAIN_AT.slice(0, 8)} (its host_hcall[] lists the same calls in the same order as the enum shown), ` +
    `setup.c and the host's arm.c at ${LINUX_6_18.slice(0, 8)} (Linux 6.18). kvm_asm.h, whose enum gives the numbers, in the mirror at ${MIRROR_AT.slice(0, 8)}: no torvalds/linux copy with that enum is stored.`,
  sources: [src.hostExit, src.table, src.initFinalise, src.enumStart],
};

// ---------------------------------------------------------------- convention

const base = smcccConvention('1.1', 'hvc', 64, aarch64);

export const pkvmHostConvention: Convention = {
  ...base,
  id: 'pkvm-host-hvc64',
  name: 'pKVM host hypercalls · HVC64 (arm64)',
  family: FAMILY,
  familyName: 'pKVM host hypercalls (arm64)',
  era: `Linux mainline (mirror @${MIRROR_AT.slice(0, 8)})`,
  summary:
    'The host kernel at EL1 calls the protected KVM hypervisor at EL2 with hvc #0: x0 = KVM_HOST_SMCCC_ID(n), a fast SMC64 vendor-hypervisor function ID; arguments in x1 onwards; ' +
    'x0 comes back SMCCC_RET_SUCCESS and x1 holds the return value; every other register comes back as the host left it.',
  // The hypervisor restores the whole host context and writes only x0 and x1 in it.
  results: ['x0', 'x1'],
  preserved: ['x2', 'x3', ...base.preserved],
  roleSources: {
    ...base.roleSources,
    args: [...base.roleSources.args, src.caller],
    results: [src.success, hypMain('handle___pkvm_host_share_hyp: cpu_reg(host_ctxt, 1) = __pkvm_host_share_hyp(pfn)'), src.caller],
    preserved: [src.hostExit, src.hostEnter],
  },
  functionId: { layout: base.functionId!.layout, fixed: { type: 1n, cc: 1n, owner: 6n } },
  unknownCall: { value: toTwosComplement(-1n, 64), name: 'SMCCC_RET_NOT_SUPPORTED (-1)', sources: [src.inval, src.notSupported] },
  caller: 'the host kernel',
  handler: 'the pKVM hypervisor at EL2',
  handlerPath: pkvmHostHcall,
  eraLinks: [{ id: 'smccc-1.1-hvc64', relation: 'related', why: 'The guest-side convention: a protected guest calls pKVM with SMCCC vendor-hypervisor calls under SMCCC 1.1.' }],
  path: hostHcallPath,
  sources: [src.hostId, src.caller, src.trap, src.dispatch, src.table],
  notes: [hostNotGuest, internalNumbering, laterNumbering, finalisation, sveHint, hostSmc, returnPath, readOnlyHandlers, readAt],
};

// ---------------------------------------------------------------- calls

const status: ResultDef = {
  name: 'status',
  meaning: 'SMCCC_RET_SUCCESS once a handler ran; SMCCC_RET_NOT_SUPPORTED for a number with no handler (or an early call after finalisation)',
  register: 'x0',
  example: 0n,
  exampleMeaning: 'SMCCC_RET_SUCCESS',
  sources: [src.success, src.inval],
};

const ret = (meaning: string, example: bigint, exampleMeaning: string, where: string): ResultDef => ({
  name: 'return value',
  meaning,
  register: 'x1',
  example,
  exampleMeaning,
  sources: [hypMain(where), src.caller],
});

const arg = (name: string, type: string, meaning: string, example: bigint, handler: string, reg: number): ArgDef => ({
  name,
  meaning: `${meaning} (${type})`,
  register: `x${reg}`,
  example,
  sources: [hypMain(`handle_${handler}: DECLARE_REG(${type}, ${name}, host_ctxt, ${reg})`), src.declareReg],
});

interface HostCall {
  func: HostFunc;
  summary: string;
  handles: string;
  /** [name, C type, meaning, example], in register order from x1. */
  args?: readonly (readonly [string, string, string, bigint])[];
  result?: ResultDef;
  notes?: readonly Note[];
}

/** Where a handler writes no return value, x1 comes back as the host passed it. */
const keepsX1: Call['rules'] = {
  preserved: ['x1', ...pkvmHostConvention.preserved],
  sources: [src.hostExit, src.hostEnter],
};

function hostCall(c: HostCall): Call {
  const n = HOST_SMCCC_FUNCS.indexOf(c.func);
  const early = n < FIRST_AFTER_INIT ? ' Only before pKVM is finalised.' : '';
  return {
    id: `pkvm-host${c.func.replace(/_/g, '-').replace(/^-+/, '-')}`,
    name: c.func,
    family: FAMILY,
    summary: c.summary + early,
    number: {
      ...callVal(1, 1, 6, n),
      stated: {
        value: 0xc6000000n + BigInt(n),
        how: 'expanded',
        source: kvmAsm(
          `KVM_HOST_SMCCC_FUNC(${c.func}) = KVM_HOST_SMCCC_ID(${n}): __KVM_HOST_SMCCC_FUNC_${c.func} is entry ${n} of enum __kvm_host_smccc_func; CALL_VAL(FAST, SMC_64, OWNER_VENDOR_HYP 6, ${n}) expanded by hand`,
        ),
      },
    },
    args: (c.args ?? []).map(([name, type, meaning, example], i) => arg(name, type, meaning, example, c.func, i + 1)),
    results: c.result ? [status, c.result] : [status],
    handles: c.handles,
    returnsOnSuccess: true,
    sources: [kvmAsm(`__KVM_HOST_SMCCC_FUNC_${c.func}`), hypMain(`handle_${c.func}; HANDLE_FUNC(${c.func}) in host_hcall[]`)],
    notes: c.notes ?? [],
    ...(c.result ? {} : { rules: keepsX1 }),
  };
}

const errno = (what: string) => `0, or a negative errno from ${what}()`;

export const pkvmHostCalls: readonly Call[] = [
  hostCall({
    func: '__pkvm_init',
    summary: 'Initialise pKVM at EL2, giving it a physical memory range, the CPU count, the per-CPU base array and the width of its virtual addresses.',
    handles: 'it runs __pkvm_init() and, on success, carries on into __pkvm_init_finalise instead of returning through this handler.',
    args: [
      ['phys', 'phys_addr_t', 'physical base of the memory reserved for the hypervisor', 0x8e000000n],
      ['size', 'unsigned long', 'its size in bytes', 0x2000000n],
      ['nr_cpus', 'unsigned long', 'number of possible CPUs', 4n],
      ['per_cpu_base', 'unsigned long *', 'hyp address of the per-CPU base array', 0xffff800008e40000n],
      ['hyp_va_bits', 'u32', 'width of the hypervisor’s virtual addresses', 48n],
    ],
    result: {
      name: 'return value',
      meaning: '0 once __pkvm_init_finalise() has finished; a negative errno from __pkvm_init() (before the page-table switch) or from __pkvm_init_finalise() (after it)',
      register: 'x1',
      example: 0n,
      exampleMeaning: 'success',
      sources: [hypMain('handle___pkvm_init: cpu_reg(host_ctxt, 1) = __pkvm_init(phys, size, nr_cpus, per_cpu_base, hyp_va_bits)'), src.initFinalise, src.caller],
    },
    notes: [
      {
        kind: 'info',
        text:
          'A successful call does not come back through its handler. __pkvm_init() switches to the hypervisor\'s new page tables and tail-calls __pkvm_init_finalise(), which sets up the page allocator, the host\'s stage 2, the FF-A proxy and the VM table, ' +
          'writes its result to x1 in the saved host context and enters the host directly (__host_enter). x0 still holds the SMCCC_RET_SUCCESS that handle_host_hcall wrote before calling the handler, so the host sees x0 = 0, x1 = 0 or an error, and the rest restored.',
        sources: [hypMain('handle___pkvm_init comment: "tail-call in __pkvm_init_finalise()"'), src.pkvmInit, src.initFinalise, src.success, src.hostEnter],
      },
      {
        kind: 'info',
        text: 'Made once, on the boot CPU with preemption disabled, when the kernel starts in protected mode: init_hyp_mode() → kvm_hyp_init_protection() → do_pkvm_init().',
        sources: [src.doPkvmInit],
      },
    ],
  }),
  hostCall({
    func: '__pkvm_create_private_mapping',
    summary: 'Map a physical range into the hypervisor’s private address space and learn where it was put.',
    handles: 'it maps the range with the given protection in EL2’s private range and returns the hypervisor address in x1, or ERR_PTR(error).',
    args: [
      ['phys', 'phys_addr_t', 'physical base of the range', 0x9000000n],
      ['size', 'size_t', 'size in bytes', 0x1000n],
      ['prot', 'enum kvm_pgtable_prot', 'page-table protection (enum kvm_pgtable_prot; the example is arbitrary)', 0x6n],
    ],
    result: ret(
      'the hypervisor virtual address of the mapping, or ERR_PTR(error)',
      0xffff80000a000000n,
      'an example address',
      'handle___pkvm_create_private_mapping: "pass the allocation address as the return value (or return ERR_PTR() on failure)"',
    ),
  }),
  hostCall({
    func: '__pkvm_cpu_set_vector',
    summary: 'Choose which EL2 vector variant (enum arm64_hyp_spectre_vector) this CPU uses.',
    handles: 'it runs pkvm_cpu_set_vector(slot) for the calling CPU.',
    args: [['slot', 'enum arm64_hyp_spectre_vector', 'which vector variant', 0n]],
    result: ret(errno('pkvm_cpu_set_vector'), 0n, 'an example: success', 'handle___pkvm_cpu_set_vector: cpu_reg(host_ctxt, 1) = pkvm_cpu_set_vector(slot)'),
  }),
  hostCall({
    func: '__pkvm_prot_finalize',
    summary: 'Finalise pKVM’s protection on the calling CPU; the host makes it on every CPU.',
    handles: 'it runs __pkvm_prot_finalize() for the calling CPU; a second call on the same CPU returns -EPERM.',
    result: ret(errno('__pkvm_prot_finalize'), 0n, 'an example: success', 'handle___pkvm_prot_finalize: cpu_reg(host_ctxt, 1) = __pkvm_prot_finalize()'),
    notes: [
      {
        kind: 'info',
        text: 'The one early call still accepted after initialisation, because finalisation is done CPU by CPU; "__pkvm_prot_finalize returns -EPERM after the first call for a given CPU".',
        sources: [src.finalised],
      },
    ],
  }),
  hostCall({
    func: '__pkvm_host_share_hyp',
    summary: 'Share one page of host memory with the hypervisor.',
    handles: 'it runs __pkvm_host_share_hyp(pfn), which shares the page with EL2.',
    args: [['pfn', 'u64', 'page frame number of the host page', 0x8a000n]],
    result: ret(errno('__pkvm_host_share_hyp'), 0n, 'an example: success', 'handle___pkvm_host_share_hyp: cpu_reg(host_ctxt, 1) = __pkvm_host_share_hyp(pfn)'),
  }),
  hostCall({
    func: '__pkvm_host_unshare_hyp',
    summary: 'Take back a page shared earlier with __pkvm_host_share_hyp.',
    handles: 'it runs __pkvm_host_unshare_hyp(pfn), which ends the sharing.',
    args: [['pfn', 'u64', 'page frame number of the shared page', 0x8a000n]],
    result: ret(errno('__pkvm_host_unshare_hyp'), 0n, 'an example: success', 'handle___pkvm_host_unshare_hyp: cpu_reg(host_ctxt, 1) = __pkvm_host_unshare_hyp(pfn)'),
  }),
  hostCall({
    func: '__pkvm_host_share_guest',
    summary: 'Map host pages into the non-protected guest whose vCPU is loaded on this CPU, at a guest frame number.',
    handles: 'it checks that a non-protected vCPU is loaded, tops up its page-table memory cache and maps the pages into that guest’s stage 2.',
    args: [
      ['pfn', 'u64', 'first host page frame number', 0x8a000n],
      ['gfn', 'u64', 'first guest frame number', 0x40000n],
      ['nr_pages', 'u64', 'number of pages', 1n],
      ['prot', 'enum kvm_pgtable_prot', 'page-table protection (enum kvm_pgtable_prot; the example is arbitrary)', 0x6n],
    ],
    result: ret(errno('__pkvm_host_share_guest'), 0n, 'an example: success', 'handle___pkvm_host_share_guest: cpu_reg(host_ctxt, 1) = ret (-EINVAL unless a non-protected vCPU is loaded)'),
  }),
  hostCall({
    func: '__pkvm_host_unshare_guest',
    summary: 'Unmap pages shared into a non-protected guest, named by its handle.',
    handles: 'it looks the guest up by handle and runs __pkvm_host_unshare_guest() on the pages.',
    args: [
      ['handle', 'pkvm_handle_t', 'the guest’s pKVM handle', 0x1000n],
      ['gfn', 'u64', 'first guest frame number', 0x40000n],
      ['nr_pages', 'u64', 'number of pages', 1n],
    ],
    result: ret(errno('__pkvm_host_unshare_guest'), 0n, 'an example: success', 'handle___pkvm_host_unshare_guest: cpu_reg(host_ctxt, 1) = ret'),
  }),
  hostCall({
    func: '__kvm_vcpu_run',
    summary: 'Run a vCPU until it exits: the call behind every KVM_RUN on a non-VHE or protected host.',
    handles: 'in protected mode it copies the loaded vCPU’s state in, runs it and copies it back (otherwise it runs the host’s vCPU directly); the exit code comes back in x1.',
    args: [['host_vcpu', 'struct kvm_vcpu *', 'the host’s struct kvm_vcpu (ignored in protected mode, which runs the loaded vCPU)', 0xffff000012340000n]],
    result: ret('the exit code of __kvm_vcpu_run(), or -EINVAL', 2n, 'an example: ARM_EXCEPTION_TRAP', 'handle___kvm_vcpu_run: cpu_reg(host_ctxt, 1) = ret'),
    notes: [
      {
        kind: 'info',
        text: 'Not a __pkvm_* call: the non-VHE KVM host uses the same numbered interface for its ordinary EL2 work, protected or not.',
        sources: [kvmAsm('enum __kvm_host_smccc_func: __KVM_HOST_SMCCC_FUNC___kvm_vcpu_run'), hypMain('handle___kvm_vcpu_run: if (unlikely(is_protected_kvm_enabled())) … else "The host is fully trusted, run its vCPU directly."')],
      },
      {
        kind: 'info',
        text: 'ARM_EXCEPTION_TRAP is 2 in kvm_asm.h; the example assumes the vCPU exited on a trap.',
        sources: [kvmAsm('ARM_EXCEPTION_TRAP 2')],
      },
    ],
  }),
  hostCall({
    func: '__pkvm_init_vm',
    summary: 'Create the hypervisor’s own copy of a VM, in memory the host provides.',
    handles: 'it runs __pkvm_init_vm(host_kvm, vm_hva, pgd_hva) on the hypervisor’s view of the host’s struct kvm.',
    args: [
      ['host_kvm', 'struct kvm *', 'the host’s struct kvm', 0xffff000012300000n],
      ['vm_hva', 'unsigned long', 'host virtual address of memory for the hypervisor’s VM structure', 0xffff000012400000n],
      ['pgd_hva', 'unsigned long', 'host virtual address of memory for its stage-2 page table', 0xffff000012500000n],
    ],
    result: ret('the return value of __pkvm_init_vm()', 0n, 'an example', 'handle___pkvm_init_vm: cpu_reg(host_ctxt, 1) = __pkvm_init_vm(host_kvm, vm_hva, pgd_hva)'),
  }),
  hostCall({
    func: '__pkvm_init_vcpu',
    summary: 'Create the hypervisor’s copy of one vCPU of a VM created with __pkvm_init_vm.',
    handles: 'it runs __pkvm_init_vcpu(handle, host_vcpu, vcpu_hva).',
    args: [
      ['handle', 'pkvm_handle_t', 'the VM’s pKVM handle', 0x1000n],
      ['host_vcpu', 'struct kvm_vcpu *', 'the host’s struct kvm_vcpu', 0xffff000012340000n],
      ['vcpu_hva', 'unsigned long', 'host virtual address of memory for the hypervisor’s vCPU structure', 0xffff000012600000n],
    ],
    result: ret(errno('__pkvm_init_vcpu'), 0n, 'an example: success', 'handle___pkvm_init_vcpu: cpu_reg(host_ctxt, 1) = __pkvm_init_vcpu(handle, host_vcpu, vcpu_hva)'),
  }),
  hostCall({
    func: '__pkvm_teardown_vm',
    summary: 'Destroy the hypervisor’s copy of a VM.',
    handles: 'it runs __pkvm_teardown_vm(handle).',
    args: [['handle', 'pkvm_handle_t', 'the VM’s pKVM handle', 0x1000n]],
    result: ret(errno('__pkvm_teardown_vm'), 0n, 'an example: success', 'handle___pkvm_teardown_vm: cpu_reg(host_ctxt, 1) = __pkvm_teardown_vm(handle)'),
  }),
  hostCall({
    func: '__pkvm_vcpu_load',
    summary: 'Load one of a VM’s vCPUs on this physical CPU, before running it.',
    handles: 'it loads the vCPU at EL2 and, for a protected guest, copies only the WFI/WFE trap bits of the given HCR_EL2.',
    args: [
      ['handle', 'pkvm_handle_t', 'the VM’s pKVM handle', 0x1000n],
      ['vcpu_idx', 'unsigned int', 'index of the vCPU in the VM', 0n],
      ['hcr_el2', 'u64', 'the host’s HCR_EL2 value for this vCPU', 0x0n],
    ],
    notes: [
      {
        kind: 'info',
        text: 'The handler writes no return value: x1 comes back as the host passed it (the handle), so only the status in x0 is an answer.',
        sources: [hypMain('handle___pkvm_vcpu_load: returns without writing cpu_reg(host_ctxt, 1)'), src.hostEnter],
      },
    ],
  }),
  hostCall({
    func: '__pkvm_vcpu_put',
    summary: 'Put back the vCPU loaded on this physical CPU.',
    handles: 'it releases the loaded vCPU, if there is one.',
    notes: [
      {
        kind: 'info',
        text: 'No arguments and no return value: the handler writes nothing but the status in x0, and x1 comes back as it was.',
        sources: [hypMain('handle___pkvm_vcpu_put'), src.hostEnter],
      },
    ],
  }),
  hostCall({
    func: '__pkvm_tlb_flush_vmid',
    summary: 'Invalidate the TLB entries of a non-protected guest, named by its handle.',
    handles: 'it looks the guest up and flushes the TLB entries of its VMID.',
    args: [['handle', 'pkvm_handle_t', 'the guest’s pKVM handle', 0x1000n]],
    notes: [
      {
        kind: 'info',
        text: 'The handler writes no return value: x1 comes back as the host passed it (the handle), so only the status in x0 is an answer.',
        sources: [hypMain('handle___pkvm_tlb_flush_vmid: returns without writing cpu_reg(host_ctxt, 1)'), src.hostEnter],
      },
    ],
  }),
];

export const pkvmHost: Family = { conventions: [pkvmHostConvention], calls: pkvmHostCalls };
