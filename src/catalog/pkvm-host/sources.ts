import type { Source } from '../../model/source';
import { githubFile, linux } from '../docs';

/**
 * Every document the pKVM host-hypercall family cites, pinned to what was
 * read. The host<->hypervisor ABI is internal to the kernel, so the file and
 * commit matter: the enum that numbers the calls changes between releases.
 */

/** A mirror of mainline Linux whose stored copies are recent (the release it matches was not determined). */
const MIRROR = 'Kingxukai/linux';
export const MIRROR_AT = '0291023e7330da28f2f7453c87c2ab7082d8360f';
/** An older torvalds/linux copy of kvm_asm.h, kept to show that the numbering moved. */
export const OLDER_AT = '01b94b0f3922039f7d3e0d1eeb33b8891746b65f';

const ASM = 'arch/arm64/include/asm/kvm_asm.h';
const MAIN = 'arch/arm64/kvm/hyp/nvhe/hyp-main.c';
const HOST = 'arch/arm64/include/asm/kvm_host.h';

export const kvmAsm = (where: string): Source => githubFile(MIRROR, ASM, MIRROR_AT, where);
export const hypMain = (where: string): Source => githubFile(MIRROR, MAIN, MIRROR_AT, where);
export const olderAsm = (where: string): Source => githubFile('torvalds/linux', ASM, OLDER_AT, where);
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
};
