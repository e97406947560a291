import type { Source } from '../../model/source';
import { githubFile, linux, LINUX_6_18, linuxAt, mail } from '../docs';

/**
 * Every document the pKVM host-hypercall family cites, pinned to what was
 * read. The host<->hypervisor ABI is internal to the kernel, so the file and
 * commit matter: the enum that numbers the calls changes between releases.
 */

/**
 * A mirror of mainline Linux around 6.17 that rewrites comments ("the" ->
 * "the woke"). Only its kvm_asm.h is still cited: its enum is the numbering
 * the catalog shows, and no torvalds/linux copy with that enum is stored
 * (LINUX_6_18's has two more entries). Its top-level Makefile is stored
 * only at a third commit (MAKEFILE_AT, "6.17-rc3"), so which release
 * MIRROR_AT is was not established.
 */
const MIRROR = 'Kingxukai/linux';
export const MIRROR_AT = '0291023e7330da28f2f7453c87c2ab7082d8360f';
const MAKEFILE_AT = '211bbf8a5d499f44cf6e5c4147329f26ae19fb4a';
/** An older torvalds/linux copy of kvm_asm.h, kept to show that the numbering moved. */
export const OLDER_AT = '01b94b0f3922039f7d3e0d1eeb33b8891746b65f';
/** The stored torvalds/linux copy of hyp-main.c whose host_hcall[] lists the mirror's enum, entry for entry. */
export const HYP_MAIN_AT = 'cd6b97bc897101652a203839912e17bb3d1a2db8';
/** The stored torvalds/linux copy of host.S and nvhe/trap_handler.h. */
export const NVHE_AT = '01f492e1817e858d1712f2489d0afbaa552f417b';
/** The stored torvalds/linux copy of kvm_arm.h (HCR_HOST_NVHE_PROTECTED_FLAGS reads the same in later copies' users). */
const KVM_ARM_H_AT = '022d3f0800682f84e1437ad2a2f6fb85fc94abf6';

const ASM = 'arch/arm64/include/asm/kvm_asm.h';
const HOST = 'arch/arm64/include/asm/kvm_host.h';

export const kvmAsm = (where: string): Source => githubFile(MIRROR, ASM, MIRROR_AT, where);
export const hypMain = (where: string): Source => linuxAt(HYP_MAIN_AT, 'arch/arm64/kvm/hyp/nvhe/hyp-main.c', where);
export const olderAsm = (where: string): Source => linuxAt(OLDER_AT, ASM, where);
export const asm618 = (where: string): Source => linuxAt(LINUX_6_18, ASM, where);
export const hostS = (where: string): Source => linuxAt(NVHE_AT, 'arch/arm64/kvm/hyp/nvhe/host.S', where);
export const setupC = (where: string): Source => linuxAt(LINUX_6_18, 'arch/arm64/kvm/hyp/nvhe/setup.c', where);
export const armC = (where: string): Source => linuxAt(LINUX_6_18, 'arch/arm64/kvm/arm.c', where);
/** kvm_call_hyp_nvhe reads the same in every copy we saw; cited to the file, not to a commit. */
export const kvmHost = (where: string): Source => linux(HOST, where);

export const src = {
  hostId: kvmAsm(
    'KVM_HOST_SMCCC_ID(id) = ARM_SMCCC_CALL_VAL(ARM_SMCCC_FAST_CALL, ARM_SMCCC_SMC_64, ARM_SMCCC_OWNER_VENDOR_HYP, (id)); KVM_HOST_SMCCC_FUNC(name) = KVM_HOST_SMCCC_ID(__KVM_HOST_SMCCC_FUNC_##name)',
  ),
  hypInit: kvmAsm('__KVM_HOST_SMCCC_FUNC___kvm_hyp_init 0'),
  enumStart: kvmAsm('enum __kvm_host_smccc_func: __KVM_HOST_SMCCC_FUNC___pkvm_init = __KVM_HOST_SMCCC_FUNC___kvm_hyp_init + 1, then one more for each entry'),
  enumSplit: kvmAsm('enum __kvm_host_smccc_func: "Hypercalls available only prior to pKVM finalisation" … "Hypercalls available after pKVM finalisation"'),
  caller: kvmHost(
    'kvm_call_hyp_nvhe(f, ...): arm_smccc_1_1_hvc(KVM_HOST_SMCCC_FUNC(f), ##__VA_ARGS__, &res); WARN_ON(res.a0 != SMCCC_RET_SUCCESS); res.a1',
  ),
  trap: hypMain('handle_trap: case ESR_ELx_EC_HVC64: handle_host_hcall(host_ctxt)'),
  dispatch: hypMain(
    'handle_host_hcall: DECLARE_REG(unsigned long, id, host_ctxt, 0); id &= ~ARM_SMCCC_CALL_HINTS; id -= KVM_HOST_SMCCC_ID(0); hfn = host_hcall[id]',
  ),
  success: hypMain('handle_host_hcall: cpu_reg(host_ctxt, 0) = SMCCC_RET_SUCCESS; hfn(host_ctxt);'),
  inval: hypMain('handle_host_hcall: "inval: cpu_reg(host_ctxt, 0) = SMCCC_RET_NOT_SUPPORTED;"'),
  finalised: hypMain(
    'handle_host_hcall: "If pKVM has been initialised then reject any calls to the early \\"privileged\\" hypercalls" (hcall_min = __KVM_HOST_SMCCC_FUNC___pkvm_prot_finalize)',
  ),
  table: hypMain('static const hcall_t host_hcall[] = { HANDLE_FUNC(__pkvm_init), … HANDLE_FUNC(__pkvm_tlb_flush_vmid) }'),
  hostSmc: hypMain('handle_trap: case ESR_ELx_EC_SMC64: handle_host_smc(host_ctxt) (PSCI, then FF-A, then forwarded to EL3)'),
  notSupported: linux('include/linux/arm-smccc.h', 'SMCCC_RET_NOT_SUPPORTED (-1), SMCCC_RET_SUCCESS 0'),
  makefile: githubFile(MIRROR, 'Makefile', MAKEFILE_AT, 'VERSION = 6, PATCHLEVEL = 17, SUBLEVEL = 0, EXTRAVERSION = -rc3'),
  makefile618: linuxAt(LINUX_6_18, 'Makefile', 'VERSION = 6, PATCHLEVEL = 18, SUBLEVEL = 0, EXTRAVERSION = (empty); NAME = Baby Opossum Posse'),
  /** A patch whose context shows the enum of the kvmarm tree in November 2025, two entries longer than the mirror's. */
  laterEnum: mail(
    '[PATCH 19/33] KVM: arm64: Eagerly save VMCR on exit (Marc Zyngier, 3 Nov 2025)',
    '20251103165517.2960148-20-maz@kernel.org',
  ),
  declareReg: linuxAt(
    NVHE_AT,
    'arch/arm64/kvm/hyp/include/nvhe/trap_handler.h',
    'cpu_reg(ctxt, r) = (ctxt)->regs.regs[r]; DECLARE_REG(type, name, ctxt, reg): type name = (type)cpu_reg(ctxt, (reg))',
  ),
  hostExit: hostS(
    '__host_exit (host_el1_sync_vect; with ARM64_KVM_PROTECTED_MODE every host hvc goes here): "Store the host regs x0-x1 and x4-x17" (x2, x3 first) and save_callee_saved_regs (x18-x29, lr) into the host context, then bl handle_trap',
  ),
  hostVector: hostS(
    'SYM_CODE_START(__kvm_hyp_host_vector): "host_el1_sync_vect // Synchronous 64-bit EL1/EL0"; host_el1_sync_vect: "cmp x0, #ESR_ELx_EC_HVC64; b.eq __host_hvc; b __host_exit"; __host_hvc: with ARM64_KVM_PROTECTED_MODE "b __host_exit"',
  ),
  trapsSmc: linuxAt(KVM_ARM_H_AT, 'arch/arm64/include/asm/kvm_arm.h', '"TSC: Trap SMC"; HCR_HOST_NVHE_PROTECTED_FLAGS (HCR_HOST_NVHE_FLAGS | HCR_TSC)'),
  skipSmc: hypMain(
    'handle_host_smc: func_id &= ~ARM_SMCCC_CALL_HINTS; kvm_host_psci_handler, then kvm_host_ffa_handler, then default_host_smc_handler (__kvm_hyp_host_forward_smc); "SMC was trapped, move ELR past the current PC." kvm_skip_host_instr()',
  ),
  hostEnter: hostS(
    '__host_enter_restore_full: "Restore host regs x0-x17" (ldp x0, x1 … x16, x17 from the host context), restore_callee_saved_regs (x18-x29, lr), eret',
  ),
  initFinalise: setupC(
    '__pkvm_init_finalise: hyp_pool_init, kvm_host_prepare_stage2, fix_host_ownership, fix_hyp_pgtable_refcnt, hyp_create_fixmap, hyp_ffa_init, pkvm_hyp_vm_table_init, pkvm_ownership_selftest; out: cpu_reg(host_ctxt, 1) = ret; __host_enter(host_ctxt)',
  ),
  pkvmInit: setupC(
    '__pkvm_init: divide_memory_pool, recreate_hyp_mappings, update_nvhe_init_params, then fn(params->pgd_pa, params->stack_hyp_va, __pkvm_init_finalise) with fn = __pkvm_init_switch_pgd; unreachable()',
  ),
  doPkvmInit: armC(
    'do_pkvm_init: preempt_disable(); cpu_hyp_init_context(); ret = kvm_call_hyp_nvhe(__pkvm_init, hyp_mem_base, hyp_mem_size, num_possible_cpus(), kern_hyp_va(per_cpu_base), hyp_va_bits); called from kvm_hyp_init_protection, from init_hyp_mode when is_protected_kvm_enabled()',
  ),
};
