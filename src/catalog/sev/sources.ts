import type { Source } from '../../model/source';
import { githubFile } from '../docs';

/**
 * Every document the SEV family cites, pinned to the copy that was read. The
 * GHCB specification (AMD 56421) and the AMD manuals were not read: the
 * protocol is taken from Linux's guest (arch/x86/coco/sev), its headers and
 * KVM's host side (arch/x86/kvm/svm/sev.c).
 */

const MIRROR = 'Kingxukai/linux';
/** Mirror of mainline (which release it matches was not determined); sev-common.h and KVM's sev.c read here. */
export const MIRROR_AT = '0291023e7330da28f2f7453c87c2ab7082d8360f';
/** A later copy of the same mirror: struct ghcb in asm/svm.h and VMGEXIT() in asm/sev.h read here. */
export const MIRROR2_AT = '9b44fff655e2c6f4cc53cb499dd2c038e99cb013';
const TORVALDS = 'torvalds/linux';
const UAPI_AT = 'f27ad38aac23263c40fe26c0188182c129a8f8dd';
const VC_SHARED_AT = 'a4a508df2aa34f8650afde54ea804321c618f45f';
const INTERNAL_AT = '42d3b66d4cdbacfc9d120d2301b8de89cc29a914';
/** The newest stored torvalds/linux copies of the guest's files; each file is stored at its own commit, none at all of them. */
const CORE_AT = '00d25566761746ba53934ad3a89ea79923a38d01';
const NMI_AT = 'b66fcee1574e72663a0c6dd7112a9e22774dbe9f';
const SVSM_AT = '0eaed89c18aeedf0898baf2dbf5ff027c6795152';
/** tools/ keeps a copy of the uapi header; the stored arch/ copy (f27ad38a) predates SEV-SNP's events. */
const UAPI_TOOLS_AT = 'ce0478b02ed29465c1de3d03c3eea721355f9d2d';

export const common = (where: string): Source => githubFile(MIRROR, 'arch/x86/include/asm/sev-common.h', MIRROR_AT, where);
export const svmH = (where: string): Source => githubFile(MIRROR, 'arch/x86/include/asm/svm.h', MIRROR2_AT, where);
export const sevH = (where: string): Source => githubFile(MIRROR, 'arch/x86/include/asm/sev.h', MIRROR2_AT, where);
export const kvmSev = (where: string): Source => githubFile(MIRROR, 'arch/x86/kvm/svm/sev.c', MIRROR_AT, where);
export const uapiSvm = (where: string): Source => githubFile(TORVALDS, 'arch/x86/include/uapi/asm/svm.h', UAPI_AT, where);
export const vcShared = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/vc-shared.c', VC_SHARED_AT, where);
export const internal = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/internal.h', INTERNAL_AT, where);
export const vcHandle = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/vc-handle.c', VC_SHARED_AT, where);
export const core = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/core.c', CORE_AT, where);
export const sevNmi = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/sev-nmi.c', NMI_AT, where);
export const svsm = (where: string): Source => githubFile(TORVALDS, 'arch/x86/coco/sev/svsm.c', SVSM_AT, where);
export const uapiTools = (where: string): Source => githubFile(TORVALDS, 'tools/arch/x86/include/uapi/asm/svm.h', UAPI_TOOLS_AT, where);

export const src = {
  msrInfo: common('GHCB_MSR_INFO_POS 0, GHCB_DATA_LOW 12, GHCB_MSR_INFO_MASK (BIT_ULL(GHCB_DATA_LOW) - 1)'),
  vmgexit: sevH('#define VMGEXIT() { asm volatile("rep; vmmcall\\n\\r"); }'),
  wrMsr: internal('sev_es_wr_ghcb_msr(u64 val): native_wrmsr(MSR_AMD64_SEV_ES_GHCB, low, high); sev_es_rd_ghcb_msr(): native_rdmsrq(MSR_AMD64_SEV_ES_GHCB)'),
  msrIntercept: kvmSev(
    'sev_es_recalc_msr_intercepts: "Clear intercepts on MSRs that are context switched by hardware." svm_disable_intercept_for_msr(vcpu, MSR_AMD64_SEV_ES_GHCB, MSR_TYPE_RW)',
  ),
  exitVmgexit: uapiSvm('#define SVM_EXIT_VMGEXIT 0x403'),
  dispatch: kvmSev('sev_handle_vmgexit: ghcb_gpa = control->ghcb_gpa; if (ghcb_gpa & GHCB_MSR_INFO_MASK) return sev_handle_vmgexit_msr_protocol(svm);'),
  msrHandler: kvmSev('sev_handle_vmgexit_msr_protocol: ghcb_info = control->ghcb_gpa & GHCB_MSR_INFO_MASK; switch (ghcb_info)'),
  msrDefault: kvmSev('sev_handle_vmgexit_msr_protocol: default: "Error, keep GHCB MSR value as-is"'),
  vmsa: svmH(
    'struct vmcb: "For SEV-ES VMs, the save area in the VMCB is used only to save/load host state. Guest state resides in a separate page, the aptly named VM Save Area (VMSA), that is encrypted with the guest\'s private key."',
  ),
  pageMap: kvmSev(
    'sev_handle_vmgexit: kvm_vcpu_map(vcpu, ghcb_gpa >> PAGE_SHIFT, &svm->sev_es.ghcb_map); sev_es_sync_from_ghcb(svm); sev_es_validate_vmgexit(svm); svm_vmgexit_success(svm, 0); exit_code = kvm_ghcb_get_sw_exit_code(control)',
  ),
  hvCall: vcShared(
    'sev_es_ghcb_hv_call: ghcb->protocol_version = ghcb_version; ghcb->ghcb_usage = GHCB_DEFAULT_USAGE; ghcb_set_sw_exit_code/info_1/info_2; sev_es_wr_ghcb_msr(__pa(ghcb)); VMGEXIT(); return verify_exception_info(ghcb, ctxt)',
  ),
  verify: vcShared(
    'verify_exception_info: ret = ghcb->save.sw_exit_info_1 & GENMASK_ULL(31, 0); if (!ret) return ES_OK; ret == 1: exception to inject from sw_exit_info_2',
  ),
  hvResp: common(
    'GHCB_HV_RESP_NO_ACTION 0, GHCB_HV_RESP_ISSUE_EXCEPTION 1, GHCB_HV_RESP_MALFORMED_INPUT 2: "GHCB-defined return codes that are communicated back to the guest via SW_EXITINFO1"',
  ),
  accessors: svmH(
    'GHCB_BITMAP_IDX(field) (offsetof(struct ghcb_save_area, field) / sizeof(u64)); ghcb_set_##field: __set_bit(GHCB_BITMAP_IDX(field), valid_bitmap); ghcb->save.field = value',
  ),
  ghcbStruct: svmH(
    'struct ghcb_save_area { u8 reserved_0x0[203]; u8 cpl; … u8 valid_bitmap[16]; u64 x87_state_gpa; } __packed; struct ghcb { save; reserved_save[2048 - sizeof(save)]; shared_buffer[GHCB_SHARED_BUF_SIZE 2032]; reserved_0xff0[10]; u16 protocol_version; u32 ghcb_usage; } __packed',
  ),
  sizes: svmH(
    'EXPECTED_GHCB_SAVE_AREA_SIZE 1032, EXPECTED_GHCB_SIZE PAGE_SIZE; BUILD_BUG_RESERVED_OFFSET(ghcb_save_area, 0x0, 0xcc, 0x148, 0x168, 0x180, 0x1e0, 0x200, 0x320, 0x380, 0x3b0); BUILD_BUG_RESERVED_OFFSET(ghcb, 0xff0)',
  ),
  errCodes: common('GHCB_ERR_NOT_REGISTERED 1 … GHCB_ERR_INVALID_EVENT 6, "communicated back to the guest via SW_EXITINFO2[31:0]"'),
  finishInsn: vcShared('vc_finish_insn: ctxt->regs->ip += ctxt->insn.length, after vc_handle_exitcode returned ES_OK'),
  protocol: sevH('GHCB_PROTOCOL_MIN 1ULL, GHCB_PROTOCOL_MAX 2ULL, GHCB_DEFAULT_USAGE 0ULL'),
};
