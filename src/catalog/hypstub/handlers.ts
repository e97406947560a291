import type { HandlerPath } from '../../model/exception';
import { githubFile, linux, linuxCommit, mail } from '../docs';
import { ARM32_OLD, linuxAt, oldStub64, S32, S64, src as hypSrc, TEGRA49 } from './sources';

/** The arm64 hyp-stub: one vector, one function that compares x0 with each stub call. */
export const hypStubArm64: HandlerPath = {
  who: 'the Linux hyp-stub (arm64)',
  steps: [
    {
      fn: '__hyp_stub_vectors → elx_sync',
      what: 'the vector for a synchronous exception from 64-bit EL1; named el1_sync until commit 31a32b49b80f, merged for v5.13, renamed it when the EL2h synchronous vector came to use it too',
      sources: [
        linux(S64, '__hyp_stub_vectors: "ventry elx_sync // Synchronous 64-bit EL1"'),
        linux(S64, 'SYM_CODE_START_LOCAL(elx_sync)'),
        linuxCommit('31a32b49b80f79cbb84a9c948c5609c6fc044443', 'arm64: Cope with CPUs stuck in VHE mode'),
        mail('[RFT PATCH v3 01/27] arm64: Cope with CPUs stuck in VHE mode', '20210304213902.83903-2-marcan@marcan.st'),
        mail('[GIT PULL] arm64 updates for 5.13-rc1', '20210426142710.GA10892@arm.com'),
      ],
    },
    {
      fn: 'elx_sync: cmp x0, #HVC_…',
      what: 'compares x0 with each stub call in turn (SET_VECTORS, FINALISE_EL2, SOFT_RESTART, RESET_VECTORS); any other value returns HVC_STUB_ERR in x0; each ends in eret, except SOFT_RESTART, which branches to x1',
      sources: [linux(S64, 'elx_sync: "cmp x0, #HVC_SET_VECTORS" … "mov_q x0, HVC_STUB_ERR; eret" … "9: mov x0, xzr; eret"')],
    },
  ],
};

/**
 * The arm64 hyp-stub before the 2017 rework. No torvalds/linux copy of this
 * hyp-stub.S is in the store we read from; it was read in a v4.9-based tree
 * (OE4T/linux-tegra-4.9), and the note says so on screen.
 */
const TEGRA_KVM_AT = '981039e4f2965d0748e78a2f07b603e84e52d9d2';

export const hypStubArm64Old: HandlerPath = {
  who: 'the Linux hyp-stub (arm64), before the 2017 rework',
  steps: [
    {
      fn: '__hyp_stub_vectors → el1_sync',
      what: 'the vector for a synchronous exception from 64-bit EL1',
      sources: [oldStub64('__hyp_stub_vectors: "ventry 1, sync // Synchronous 64-bit EL1"; "el1_sync:"')],
    },
    {
      fn: 'el1_sync: ESR_EL2.EC == HVC64?',
      what: 'reads the exception class from ESR_EL2; anything but an HVC from AArch64 returns at once with eret, x0 unchanged',
      sources: [oldStub64('el1_sync: "mrs x30, esr_el2; lsr x30, x30, #ESR_ELx_EC_SHIFT; cmp x30, #ESR_ELx_EC_HVC64; b.ne 9f // Not an HVC trap"')],
    },
    {
      fn: 'el1_sync: cmp x0, #HVC_…',
      what: 'HVC_GET_VECTORS returns VBAR_EL2 in x0, HVC_SET_VECTORS writes x1 to VBAR_EL2, HVC_SOFT_RESTART moves x1–x4 about and branches to the restart address; any other x0 comes back as ARM_EXCEPTION_HYP_GONE ("Someone called kvm_call_hyp() against the hyp-stub"); each ends in eret',
      sources: [
        oldStub64('el1_sync: "cmp x0, #HVC_GET_VECTORS; b.ne 1f; mrs x0, vbar_el2" … "1: cmp x0, #HVC_SET_VECTORS; b.ne 2f; msr vbar_el2, x1" … "2: cmp x0, #HVC_SOFT_RESTART" … "br x4 // no return" … "3: mov x0, #ARM_EXCEPTION_HYP_GONE; 9: eret"'),
      ],
    },
  ],
  notes: [
    {
      text:
        'Read in a v4.9-based vendor tree (NVIDIA’s, as OE4T/linux-tegra-4.9 carries it): the store we search holds no torvalds/linux copy of this era’s arm64 hyp-stub.S, so that mainline v4.11 had exactly this code is not confirmed. ' +
        'Its calls are the ones torvalds/linux’s virt.h at 03263ac9 names (HVC_GET_VECTORS, HVC_SET_VECTORS), plus HVC_SOFT_RESTART, which that tree does not have yet.',
      sources: [oldStub64('hyp-stub.S as a whole'), hypSrc.old64Get, hypSrc.old64Set],
    },
    {
      text:
        'virt.h says any x0 of 0xfff or more "is used as a pointer to the function to call". That is not the stub: the stub answers such an x0 with ARM_EXCEPTION_HYP_GONE. ' +
        'It is KVM’s own EL2 vectors, once HVC_SET_VECTORS has installed them, that call the function at x0 (do_el2_call) and still answer HVC_GET_VECTORS.',
      sources: [
        hypSrc.old64Comment,
        githubFile(TEGRA49, 'arch/arm64/kvm/hyp/hyp-entry.S', TEGRA_KVM_AT, 'el1_sync: "cmp x0, #HVC_GET_VECTORS" … "kern_hyp_va x0; do_el2_call"; do_el2_call: "Shuffle the parameters before calling the function pointed to in x0"'),
      ],
    },
  ],
};

/** The arm32 hyp-stub before the rework: one trap entry, and r0 = -1 reads HVBAR while any other r0 is written to it. */
export const hypStubArm32Old: HandlerPath = {
  who: 'the Linux hyp-stub (32-bit arm), before the 2017 rework',
  steps: [
    {
      fn: '__hyp_stub_vectors → __hyp_stub_trap',
      what: 'the Hyp Trap entry (HVBAR + 0x14) branches to __hyp_stub_do_trap',
      sources: [linuxAt(ARM32_OLD, S32, '__hyp_stub_vectors: "__hyp_stub_trap: W(b) __hyp_stub_do_trap"')],
    },
    {
      fn: '__hyp_stub_do_trap',
      what: 'no call numbers: r0 = -1 reads HVBAR into r0, any other r0 is written to HVBAR; then __ERET',
      sources: [hypSrc.old32Trap, hypSrc.old32Get],
    },
  ],
  notes: [
    {
      text: 'Read at torvalds/linux 0af0b189, a commit from before the rework; which release it belongs to was not checked, so the last release with this stub (v4.11) is taken from the convention’s own, unconfirmed, era boundary.',
      sources: [hypSrc.old32Trap],
    },
  ],
};

/** The arm32 hyp-stub: the Hyp Trap vector and __hyp_stub_do_trap, which compares r0 with each stub call. */
export const hypStubArm32: HandlerPath = {
  who: 'the Linux hyp-stub (32-bit arm)',
  steps: [
    {
      fn: '__hyp_stub_vectors → __hyp_stub_trap',
      what: 'the Hyp Trap entry (HVBAR + 0x14) branches to __hyp_stub_do_trap',
      sources: [linux(S32, '__hyp_stub_vectors: "__hyp_stub_trap: W(b) __hyp_stub_do_trap"')],
    },
    {
      fn: '__hyp_stub_do_trap',
      what: 'compares r0 with HVC_SET_VECTORS (zImage stub only) and HVC_SOFT_RESTART (bx r1); any other value returns HVC_STUB_ERR in r0 with __ERET',
      sources: [linux(S32, '__hyp_stub_do_trap: "teq r0, #HVC_SET_VECTORS" (#ifdef ZIMAGE) … "teq r0, #HVC_SOFT_RESTART; bne 2f; bx r1" … "2: ldr r0, =HVC_STUB_ERR; __ERET"')],
    },
  ],
};
