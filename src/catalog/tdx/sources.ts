import type { Source } from '../../model/source';
import { doc, githubFile, LINUX_6_18, linuxAt } from '../docs';

/**
 * Every document the Intel TDX family cites, pinned to the stored copy that
 * was read: torvalds/linux where a stored copy says what the quote says,
 * a mirror of mainline for the rest, and Intel's TDX module source at its
 * 1.5.01 tag. Intel's GHCI and TDX module specifications were not read;
 * where Linux points to them, the notes say so.
 */

/**
 * A mirror of mainline around Linux 6.17 that rewrites comments ("the" ->
 * "the woke"). Still cited for the guest's coco/tdx/tdx.c and uapi vmx.h:
 * the torvalds/linux copies of those in the store are older and lack what
 * the quotes quote (TDG_MR_RTMR_EXTEND, tdg_vm_rd, EXIT_REASON_TDCALL).
 * Which release the mirror commit matches was not determined.
 */
const MIRROR = 'Kingxukai/linux';
/** Where the guest's tdx.c and uapi vmx.h were read. */
export const AT_M2 = '9b44fff655e2c6f4cc53cb499dd2c038e99cb013';
/** The stored torvalds/linux copies, each holding every quoted line: */
const SHARED_TDX_H_AT = '702fdf3513b045f596f836d9a4b8672c76f11834';
const TDX_SHARED_C_AT = '41c177cf354126a22443b5c80cec9fdd313e67e1';
const TDCALL_S_AT = '765c7fd245ed1584a8cc57da5810a197356b5615';
const TDXCALL_S_AT = '3bf3e21c15d4386a5f15118ec39bbc1b67ea5759';

const at = (path: string, commit: string) => (where: string): Source => githubFile(MIRROR, path, commit, where);
const inLinux = (path: string, commit: string) => (where: string): Source => linuxAt(commit, path, where);

export const sharedTdx = inLinux('arch/x86/include/asm/shared/tdx.h', SHARED_TDX_H_AT);
export const tdxShared = inLinux('arch/x86/coco/tdx/tdx-shared.c', TDX_SHARED_C_AT);
export const tdcallS = inLinux('arch/x86/coco/tdx/tdcall.S', TDCALL_S_AT);
export const tdxcallS = inLinux('arch/x86/virt/vmx/tdx/tdxcall.S', TDXCALL_S_AT);
export const guestTdx = at('arch/x86/coco/tdx/tdx.c', AT_M2);
export const kvmTdx = inLinux('arch/x86/kvm/vmx/tdx.c', LINUX_6_18);
export const vmxH = at('arch/x86/include/uapi/asm/vmx.h', AT_M2);

/**
 * Intel's TDX module source (intel/tdx-module), at the commit tagged
 * TDX_1.5.01: what the module does with a TDG.VP.VMCALL between the TD and
 * the VMM. tdg_vp_vmcall.c reads the same at e18f1edc, the other stored 1.5.01
 * commit; other module releases were not read.
 */
export const MODULE_AT = '72d8cffb214b74ae94d75afce36423020f74b47c';
const inModule = (path: string) => (where: string): Source => githubFile('intel/tdx-module', path, MODULE_AT, where);
export const vpVmcallC = inModule('src/td_dispatcher/vm_exits/tdg_vp_vmcall.c');
export const vpEnterC = inModule('src/td_transitions/tdh_vp_enter.c');
export const apiDefs = inModule('include/tdx_api_defs.h');
export const errorCodes = inModule('include/auto_gen/tdx_error_codes_defs.h');
export const vmcsDefs = inModule('src/common/x86_defs/vmcs_defs.h');

/** Intel's specifications, named where Linux names them; not read here. */
export const ghci = (section: string): Source => doc('Intel TDX Guest-Hypervisor Communication Interface (GHCI), not read here', `named by Linux: ${section}`);

export const src = {
  abi: tdxcallS(
    'TDCALL/SEAMCALL ABI: "RAX - TDCALL/SEAMCALL Leaf number. RCX,RDX,RDI,RSI,RBX,R8-R15 - TDCALL/SEAMCALL Leaf specific input registers." Output: "RAX - TDCALL/SEAMCALL instruction error code."',
  ),
  bytes: tdxcallS('#define tdcall .byte 0x66,0x0f,0x01,0xcc ("TDCALL and SEAMCALL are supported in Binutils >= 2.36")'),
  seamcallExit: tdxcallS('"SEAMCALL instruction is essentially a VMExit from VMX root mode to SEAM VMX root mode"'),
  who: tdxcallS('"TDCALL - used by TDX guests to make requests to the TDX module and hypercalls to the VMM."'),
  tdcall: tdcallS('__tdcall(): "Only RCX/RDX/R8-R11 are used as input registers. Return status of TDCALL via RAX."'),
  tdcallRet: tdcallS('__tdcall_ret(): "Only RCX/RDX/R8-R11 are used as input/output registers."'),
  savedRet: tdcallS('__tdcall_saved_ret(): "Used by TDX guests to request services from the TDX module (including VMM services)"; "All registers in @args are used as input/output registers."'),
  macroNoSave: tdxcallS(
    'TDX_MODULE_CALL host=0 (ret=0 or 1, saved=0): loads RCX, RDX, R8-R11 from the structure, runs tdcall, and (ret=1) stores them back through %rsi; it pushes none of RBX, R12-R15',
  ),
  scrub: tdxcallS(
    'TDX_MODULE_CALL saved=1 ret=1: "Clear registers shared by guest for VP.VMCALL/VP.ENTER to prevent speculative use of guest\'s/VMM\'s values": xorl of ecx, edx, r8d-r15d, ebx, edi; "RSI has been restored already"',
  ),
  argsStruct: sharedTdx(
    'struct tdx_module_args: rcx, rdx, r8, r9 "callee-clobbered"; r10, r11 "extra callee-clobbered"; r12-r15, rbx, rdi, rsi "callee-saved + rdi/rsi"; "a software only structure and not part of the TDX module/VMM ABI"',
  ),
  leaf: (macro: string, n: number): Source => sharedTdx(`/* TDX module Call Leaf IDs */ #define ${macro} ${n}`),
  subfn: (macro: string, v: string): Source => sharedTdx(`/* TDX hypercall Leaf IDs */ #define ${macro} ${v}`),
  status: sharedTdx(
    'TDG.VP.VMCALL Status Codes (returned in R10): SUCCESS 0, RETRY 1, INVALID_OPERAND 0x8000000000000000, ALIGN_ERROR 0x8000000000000002, SUBFUNC_UNSUPPORTED 0x8000000000000003',
  ),
  standard: sharedTdx('#define TDX_HYPERCALL_STANDARD 0; _tdx_hypercall(): .r10 = TDX_HYPERCALL_STANDARD, .r11 = fn, .r12 = r12, .r13 = r13, .r14 = r14, .r15 = r15'),
  matched: sharedTdx(
    'hcall_func(): "The TDG.VP.VMCALL-Instruction-execution sub-functions are defined independently from but are currently matched 1:1 with VMX EXIT_REASONs."',
  ),
  bitmask: sharedTdx('"Bitmasks of exposed registers (with VMM)": TDX_RDX BIT(2), TDX_RBX BIT(3), TDX_RSI BIT(6), TDX_RDI BIT(7), TDX_R8 BIT(8) … TDX_R15 BIT(15)'),
  exposeMask: sharedTdx(
    'TDVMCALL_EXPOSE_REGS_MASK = (TDX_RDX | TDX_RBX | TDX_RSI | TDX_RDI | TDX_R8 | TDX_R9 | TDX_R10 | TDX_R11 | TDX_R12 | TDX_R13 | TDX_R14 | TDX_R15): "These registers are clobbered to hold arguments for each TDVMCALL. They are safe to expose to the VMM."',
  ),
  hypercall: tdxShared(
    '__tdx_hypercall(): "For TDVMCALL explicitly set RCX to the bitmap of shared registers": args->rcx = TDVMCALL_EXPOSE_REGS_MASK; __tdcall_saved_ret(TDG_VP_VMCALL, args); "TDVMCALL leaf return code is in R10"',
  ),
  hypercallFailed: tdxShared('__tdx_hypercall(): "Failure of __tdcall_saved_ret() indicates a failure of the TDVMCALL mechanism itself" -> __tdx_hypercall_failed() (panics)'),
  exitType: kvmTdx('tdvmcall_exit_type() = vp_enter_args.r10; tdvmcall_leaf() = vp_enter_args.r11; tdvmcall_set_return_code() writes r10, tdvmcall_set_return_val() writes r11'),
  toExitReason: kvmTdx(
    'tdx_to_vmx_exit_reason(): case EXIT_REASON_TDCALL: if (tdvmcall_exit_type(vcpu)) return EXIT_REASON_VMCALL; return tdcall_to_vmx_exit_reason(vcpu)',
  ),
  leafToExit: kvmTdx(
    'tdcall_to_vmx_exit_reason(): CPUID, HLT, IO_INSTRUCTION, MSR_READ, MSR_WRITE return tdvmcall_leaf(vcpu); EPT_VIOLATION returns EXIT_REASON_EPT_MISCONFIG; anything else EXIT_REASON_TDCALL',
  ),
  handleExit: kvmTdx(
    'tdx_handle_exit(): case EXIT_REASON_TDCALL: return handle_tdvmcall(vcpu); case EXIT_REASON_VMCALL: return tdx_emulate_vmcall(vcpu); case EXIT_REASON_HLT: return kvm_emulate_halt_noskip(vcpu)',
  ),
  handleTdvmcall: kvmTdx(
    'handle_tdvmcall(): switch (tdvmcall_leaf(vcpu)): MAP_GPA, REPORT_FATAL_ERROR, GET_TD_VM_CALL_INFO, GET_QUOTE, SETUP_EVENT_NOTIFY_INTERRUPT; default: tdvmcall_set_return_code(vcpu, TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED)',
  ),
  emulateVmcall: kvmTdx(
    'tdx_emulate_vmcall(): kvm_rax_write(r10), kvm_rbx_write(r11), kvm_rcx_write(r12), kvm_rdx_write(r13), kvm_rsi_write(r14); __kvm_emulate_hypercall(vcpu, 0, complete_hypercall_exit)',
  ),
  enterExit: kvmTdx('tdx_vcpu_enter_exit(): tdx->vp_enter_ret = tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args); vt->exit_reason.full = tdx_to_vmx_exit_reason(vcpu)'),
  exitReasons: vmxH('EXIT_REASON_CPUID 10, EXIT_REASON_HLT 12, EXIT_REASON_VMCALL 18, EXIT_REASON_IO_INSTRUCTION 30, EXIT_REASON_MSR_READ 31, EXIT_REASON_MSR_WRITE 32, EXIT_REASON_TDCALL 77'),
  control: apiDefs('tdvmcall_control_t, "TDVMCALL RCX input parameter": uint16_t gpr_select; uint16_t xmm_select; uint32_t reserved'),
  exitQual: apiDefs(
    'td_exit_qualification_t, "TD exit information provided as an output of TDH.VP.ENTER": gpr_select (bits 15:0), xmm_select (31:16) "On sync TD exit, lower 32 bits or the mask passed to TDG.VP.VMCALL"; vm : 2 "Bits 33:32"',
  ),
  rcxChecked: vpVmcallC(
    'tdg_vp_vmcall(): gpr_check_mask = BIT(0) | BIT(1) | BIT(4) (| BIT(5) with config_flags.no_rbp_mod); "Bits 0, 1 and 4 and 63:32 of RCX must be 0": retval = api_error_with_operand_id(TDX_OPERAND_INVALID, OPERAND_ID_RCX)',
  ),
  operandInvalid: errorCodes('#define TDX_OPERAND_INVALID 0xC000010000000000ULL; #define OPERAND_ID_RCX 1ULL'),
  withOperand: apiDefs('api_error_with_operand_id(error, operand_id): return error + operand_id'),
  copyToVmm: vpVmcallC(
    'copy_gprs_data_from_td_to_vmm(): td_exit_qual.vm = curr_vm; .gpr_select, .xmm_select from RCX; vmm_regs.rcx = td_exit_qual.raw; "RAX is not copied, RCX filled above, start from RDX": a GPR whose gpr_select bit is set gets the TD’s value, any other 0 ("Avoid modifying RBP" with no_rbp_mod)',
  ),
  exitReasonToVmm: vpVmcallC(
    'tdg_vp_vmcall(): vm_vmexit_exit_reason_t vm_exit_reason = { .raw = VMEXIT_REASON_TDCALL }; bus_lock_preempted set if sticky; vmm_regs.rax = vm_exit_reason.raw; td_vmexit_to_vmm(VCPU_READY, LAST_EXIT_TDVMCALL, scrub_mask, control.xmm_select, …)',
  ),
  exitReasonLayout: vmcsDefs('VMEXIT_REASON_TDCALL = 77; vm_vmexit_exit_reason_t: basic_reason : 16 (bits 0-15), bus_lock_preempted : 1 (bit 26)'),
  backToTd: vpEnterC(
    'save_regs_after_tdvmcall(): control.raw = guest RCX; "Save VMM GPRs selected by guest RCX to TDVPS. RAX and RCX are not copied, start from RDX": gprs[i] = vmm_regs.gprs[i] for each set gpr_select bit; gprs[0] = TDX_SUCCESS (RAX); gprs[1] = control.raw (RCX); save_xmms_by_mask(control.xmm_select)',
  ),
  kvmExitQual: kvmTdx(
    'tdx_vcpu_enter_exit(): tdx->vp_enter_ret = tdh_vp_enter(&tdx->vp, &tdx->vp_enter_args); vt->exit_reason.full = tdx_to_vmx_exit_reason(vcpu); vt->exit_qualification = tdx->vp_enter_args.rcx',
  ),
  kvmExitReason: kvmTdx('tdx_to_vmx_exit_reason(): exit_reason = tdx->vp_enter_ret (u32); case EXIT_REASON_TDCALL: if (tdvmcall_exit_type(vcpu)) return EXIT_REASON_VMCALL'),
  vpEnterOutputs: tdxcallS(
    '"In case of VP.ENTER returns due to TDVMCALL, all registers are valid thus no register can be used as spare" (see "TDH.VP.ENTER Output Operands Definition on TDCALL(TDG.VP.VMCALL) Following a TD Entry")',
  ),
};
