import type { Source } from '../../model/source';
import { githubFile, linux, mail } from '../docs';

/**
 * Every document the Hyper-V family cites, in one place, pinned to the
 * commit or message that was read.
 */

const DOCS = 'MicrosoftDocs/Virtualization-Documentation';
const TLFS = 'virtualization/hyper-v-on-windows/tlfs';

const at = (s: Source, where: string): Source => ({ ...s, where: `${s.where}: ${where}` });

/** The TLFS "Hypercall Interface" page, the revision with the "Is Nested" bit. */
export const tlfs = (where: string): Source => githubFile(DOCS, `${TLFS}/hypercall-interface.md`, '454a9c5740d41e8f528265691fb3ff92b614074b', where);

/** Another stored revision of the same page: RsvdZ 31-27, no nested bit. */
export const tlfsOther = (where: string): Source => githubFile(DOCS, `${TLFS}/hypercall-interface.md`, '03d26dba4461effd93a0fe76e730677e1bae3f38', where);

/** The revision that added the ARM64 sections (register conventions, "Volatile Registers (ARM64 SMCCC)" and "(ARM64 HVC #1)"). */
export const tlfsArm64 = (where: string): Source => githubFile(DOCS, `${TLFS}/hypercall-interface.md`, '94373af503f83b800ac002911f5d137a53392656', where);

/** One hypercall's TLFS page. */
export const tlfsCall = {
  flushVas: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallFlushVirtualAddressSpace.md`, '121b4d3d54fe71677ad925d6e9eb026344e19b25', where),
  sendIpi: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallSendSyntheticClusterIpi.md`, '77ae5db8d009026a2c2b775594b5e8604d284c47', where),
  postMessage: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallPostMessage.md`, '121b4d3d54fe71677ad925d6e9eb026344e19b25', where),
  signalEvent: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallSignalEvent.md`, '492254ab7c6f9f964d326218e64e50217c71bf70', where),
  getVpRegisters: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallGetVpRegisters.md`, '121b4d3d54fe71677ad925d6e9eb026344e19b25', where),
  setVpRegisters: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallSetVpRegisters.md`, '19063f60b0210f75e5fd6bf358669aa4562553bc', where),
  flushVaList: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallFlushVirtualAddressList.md`, 'e7762aa4aac8a1a6037dca8ff4dfb88d30d21790', where),
  flushVasEx: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallFlushVirtualAddressSpaceEx.md`, 'e7762aa4aac8a1a6037dca8ff4dfb88d30d21790', where),
  flushVaListEx: (where: string) =>
    githubFile(DOCS, `${TLFS}/hypercalls/HvCallFlushVirtualAddressListEx.md`, 'e7762aa4aac8a1a6037dca8ff4dfb88d30d21790', where),
  sendIpiEx: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallSendSyntheticClusterIpiEx.md`, 'e7762aa4aac8a1a6037dca8ff4dfb88d30d21790', where),
  longSpinWait: (where: string) => githubFile(DOCS, `${TLFS}/hypercalls/HvCallNotifyLongSpinWait.md`, 'e7762aa4aac8a1a6037dca8ff4dfb88d30d21790', where),
};

/** Linux's generic Hyper-V helpers (hv_do_rep_hypercall). */
export const genericMsh = (where: string): Source => linux('include/asm-generic/mshyperv.h', where);

/** Linux's copy of the TLFS constants. */
export const gdk = (where: string): Source => linux('include/hyperv/hvgdk_mini.h', where);

/** Linux's x86 hypercall wrappers. */
export const x86Msh = (where: string): Source => linux('arch/x86/include/asm/mshyperv.h', where);

/** KVM's emulation of Hyper-V, the hypervisor side that Linux carries. */
export const kvmHv = (where: string): Source => linux('arch/x86/kvm/hyperv.c', where);

/** Linux's arm64 Hyper-V code (SMCCC ABI). */
export const a64Core = (where: string): Source => linux('arch/arm64/hyperv/hv_core.c', where);
export const a64Msh = (where: string): Source => linux('arch/arm64/include/asm/mshyperv.h', where);

export const smcccH = (where: string): Source => linux('include/linux/arm-smccc.h', where);

/** Microsoft's paravisor, which still uses the hvc #1 ABI and documents the immediates. */
export const openvmm = (where: string): Source =>
  githubFile('microsoft/openvmm', 'openhcl/minimal_rt/src/arch/aarch64/hypercall.rs', '3240a0e93cafee93a17868cd43dd293340a9de9f', where);

/** The October 2019 arm64 series (hvc #1 ABI), never merged. */
export const v5Hvc = (where: string): Source =>
  at(mail('[PATCH v5 2/8] arm64: hyperv: Add hypercall and register access functions', '1570129355-16005-3-git-send-email-mikelley@microsoft.com'), where);
export const v5Tlfs = (where: string): Source =>
  at(mail('[PATCH v5 1/8] arm64: hyperv: Add core Hyper-V include files', '1570129355-16005-2-git-send-email-mikelley@microsoft.com'), where);
export const mazReview = (where: string): Source =>
  at(
    mail('Re: [PATCH v5 2/8] arm64: hyperv: Add hypercall and register access functions (Marc Zyngier)', '8cdc86e5bcf861c74069e0d349910c94@www.loen.fr'),
    where,
  );
export const kelleyReply = (where: string): Source =>
  at(
    mail(
      'RE: [PATCH v5 2/8] arm64: hyperv: Add hypercall and register access functions (Michael Kelley)',
      'DM5PR21MB013730D09CB8BA7658DE57F7D7790@DM5PR21MB0137.namprd21.prod.outlook.com',
    ),
    where,
  );

/** Callers in Linux that show which form each call takes. */
export const callers = {
  flush: (where: string) => linux('arch/x86/hyperv/mmu.c', where),
  ipi: (where: string) => linux('arch/x86/hyperv/hv_apic.c', where),
  post: (where: string) => linux('drivers/hv/hv.c', where),
  signal: (where: string) => linux('drivers/hv/connection.c', where),
};
