import type { Source } from '../../model/source';
import { githubFile, linux, linuxCommit, mail } from '../docs';

/** Paths of the files the hyp-stub ABI lives in. */
export const V64 = 'arch/arm64/include/asm/virt.h';
export const S64 = 'arch/arm64/kernel/hyp-stub.S';
export const V32 = 'arch/arm/include/asm/virt.h';
export const S32 = 'arch/arm/kernel/hyp-stub.S';
export const ABI = 'Documentation/virt/kvm/arm/hyp-abi.rst';

/** A Linux file as it stood at one commit (the pre-rework stubs are gone from master). */
export function linuxAt(commit: string, path: string, where: string): Source {
  return {
    title: `Linux ${path} @${commit.slice(0, 12)}`,
    where,
    url: `https://github.com/torvalds/linux/blob/${commit}/${path}`,
  };
}

/**
 * The pre-rework arm64 stub, read in a v4.9-based NVIDIA tree: the store we
 * search holds no torvalds/linux copy of that hyp-stub.S.
 */
export const TEGRA49 = 'OE4T/linux-tegra-4.9';
export const TEGRA49_STUB_AT = 'd1c751553a8cb9eeb9feb52008d674385fd842d6';
export const oldStub64 = (where: string): Source => githubFile(TEGRA49, S64, TEGRA49_STUB_AT, where);

/** Commits whose trees we read for the pre-rework eras. */
export const ARM64_OLD = '03263ac9903481c204624cf2ed2fbbc8a1150a3a';
export const ARM32_OLD = '0af0b189abf73d232af782df2f999235cd2fed7f';

export const src = {
  abiScope: linux(
    ABI,
    '"documents the interaction between the Linux kernel and the hypervisor layer when running Linux as a hypervisor … It doesn\'t cover the interaction of the kernel with the hypervisor when running as a guest"',
  ),
  abiHvc0: linux(
    ABI,
    '"the kernel must be booted at HYP (arm) or EL2 (arm64), allowing it to install a set of stubs before dropping to SVC/EL1. These stubs are accessible by using a \'hvc #0\' instruction"',
  ),
  abiReturn: linux(ABI, '"The return value of a stub hypercall is held by r0/x0, and is 0 on success, and HVC_STUB_ERR on error."'),
  abiClobber: linux(ABI, '"A stub hypercall is allowed to clobber any of the caller-saved registers (x0-x18 on arm64, r0-r3 and ip on arm)."'),
  abiSetVectors: linux(ABI, 'HVC_SET_VECTORS: "r1/x1 = vectors … \'vectors\' must be a physical address … Only implemented by the initial stubs"'),
  abiResetVectors: linux(ABI, 'HVC_RESET_VECTORS: "Turn HYP/EL2 MMU off, and reset HVBAR/VBAR_EL2 to the initials stubs\' exception vector value"'),
  abiSoftRestart: linux(
    ABI,
    'HVC_SOFT_RESTART: "r1/x1 = restart address", "x2 = x0\'s value when entering the next payload (arm64)", "x3 = x1\'s value when entering the next payload (arm64)", "x4 = x2\'s value when entering the next payload (arm64)", "This hypercall is not expected to return to its caller."',
  ),
  abiFinalise: linux(ABI, 'HVC_FINALISE_EL2 (arm64 only): "an attempt to upgrade the kernel\'s exception level from EL1 to EL2 by enabling the VHE mode"'),
  abiOther: linux(ABI, '"Any other value of r0/x0 triggers a hypervisor-specific handling, which is not documented here."'),

  v64Comment: linux(V64, '"uses x0 to specify the hcall number … The hypercall is allowed to clobber any of the caller-saved registers (x0-x18)"'),
  v64Set: linux(V64, 'HVC_SET_VECTORS 0 ("@x1: Physical address of the new vector table")'),
  v64Soft: linux(V64, 'HVC_SOFT_RESTART 1'),
  v64Reset: linux(V64, 'HVC_RESET_VECTORS 2'),
  v64Finalise: linux(V64, 'HVC_FINALISE_EL2 3'),
  v64Err: linux(V64, 'HVC_STUB_ERR 0xbadca11 ("Error returned when an invalid stub number is passed into x0")'),
  s64Dispatch: linux(S64, 'elx_sync: cmp x0, #HVC_SET_VECTORS … #HVC_FINALISE_EL2 … #HVC_SOFT_RESTART … #HVC_RESET_VECTORS'),
  s64Set: linux(S64, 'elx_sync: "msr vbar_el2, x1", then "9: mov x0, xzr; eret"'),
  s64Soft: linux(S64, 'elx_sync: "mov x0, x2; mov x2, x4; mov x4, x1; mov x1, x3; br x4 // no return"'),
  s64Reset: linux(S64, 'elx_sync: "cmp x0, #HVC_RESET_VECTORS; beq 9f // Nothing to reset!"'),
  s64Err: linux(S64, 'elx_sync: "Someone called kvm_call_hyp() against the hyp-stub… mov_q x0, HVC_STUB_ERR; eret"'),
  s64Finalise: linux(
    S64,
    '__finalise_el2: "mov_q x0, HVC_STUB_ERR" when VHE is unavailable; "Hack the exception return to stay at EL2"; enter_vhe: "mov x0, xzr; eret"',
  ),
  s64Callers: linux(S64, '__hyp_set_vectors: "mov x1, x0; mov x0, #HVC_SET_VECTORS; hvc #0"; __hyp_reset_vectors; finalise_el2'),
  s64Align: linux(S64, '__hyp_set_vectors comment: "x0 must be the physical address of the new vector table, and must be 2KB aligned"'),

  v32Numbers: linux(V32, '"Only assembly code should need those": HVC_SET_VECTORS 0, HVC_SOFT_RESTART 1'),
  v32Err: linux(V32, 'HVC_STUB_ERR 0xbadca11'),
  s32Trap: linux(
    S32,
    '__hyp_stub_do_trap: "#ifdef ZIMAGE teq r0, #HVC_SET_VECTORS … /* Only the ZIMAGE stubs can change the HYP vectors */ mcr p15, 4, r1, c12, c0, 0 @ set HVBAR"',
  ),
  s32Soft: linux(S32, '__hyp_stub_do_trap: "teq r0, #HVC_SOFT_RESTART; bne 2f; bx r1"'),
  s32Err: linux(S32, '__hyp_stub_do_trap: "2: ldr r0, =HVC_STUB_ERR; __ERET"; __hyp_stub_exit: "mov r0, #0; __ERET"'),
  s32Callers: linux(S32, '__hyp_set_vectors / __hyp_soft_restart: "mov r1, r0", "mov r0, #HVC_SET_VECTORS" / "mov r0, #HVC_SOFT_RESTART", "__HVC(0)"'),
  arm32Removal: mail('[PATCH 07/15] arm: Remove the ability to set HYP vectors outside of the decompressor', '20200331121645.388250-8-maz@kernel.org'),

  vheRestart: mail("[PATCH v4 04/21] arm64: Provide an 'upgrade to VHE' stub hypercall", '20210118094533.2874082-5-maz@kernel.org'),
  abiOldVhe: linuxAt('166cc2a4be0d80075d379b30d3e84895c878a1a8', ABI, '"x0 = HVC_VHE_RESTART (arm64 only)"'),
  rework2017: linuxCommit('bc845e4fbbbbe97bab3f1bcf688be0b5da420717', 'ARM: KVM: Implement HVC_RESET_VECTORS stub hypercall in the init code'),
  extensible: linuxCommit('ad72e59ff2bad55f6b9e7ac1fe5d824831ea2550', 'arm64: hyp/kvm: Make hyp-stub extensible'),

  old64Comment: linuxAt(
    ARM64_OLD,
    V64,
    '"uses x0 to specify the hcall type. A value less than 0xfff indicates a special hcall, such as get/set vector. Any other value is used as a pointer to the function to call."',
  ),
  old64Get: linuxAt(ARM64_OLD, V64, 'HVC_GET_VECTORS 0 ("Return the value of the vbar_el2 register")'),
  old64Set: linuxAt(ARM64_OLD, V64, 'HVC_SET_VECTORS 1 ("@x1: Physical address of the new vector table")'),
  old64Protos: linuxAt(ARM64_OLD, V64, '"phys_addr_t __hyp_get_vectors(void);"'),
  old64Soft: {
    title: 'Linux arch/arm64/include/asm/virt.h, a pre-rework copy with kexec support (stored copy; repository and commit not identified)',
    where: 'HVC_SOFT_RESTART 2 ("CPU soft reset, used by the cpu_soft_restart routine"), beside HVC_GET_VECTORS 0 and HVC_SET_VECTORS 1',
  } satisfies Source,

  old32Trap: linuxAt(
    ARM32_OLD,
    S32,
    '__hyp_stub_do_trap: "cmp r0, #-1; mrceq p15, 4, r0, c12, c0, 0 @ get HVBAR; mcrne p15, 4, r0, c12, c0, 0 @ set HVBAR; __ERET"',
  ),
  old32Get: linuxAt(ARM32_OLD, S32, '__hyp_get_vectors: "mov r0, #-1", falling through to __hyp_set_vectors: "__HVC(0)"'),
  old32Set: linuxAt(
    ARM32_OLD,
    S32,
    '__hyp_set_vectors comment: "r0 must be the physical address of the new vector table (which must lie in the bottom 4GB of physical address space … r0 must be 32-byte aligned."',
  ),
};
