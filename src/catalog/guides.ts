import type { Source } from '../model/source';
import { src as ccaSrc } from './cca/sources';
import { gccAsm, githubFile, linux } from './docs';
import { guidePanes, guideTitles, type GuideId, type GuidePane } from './guide-panes';
import { guestTdx, src as tdxSrc } from './tdx/sources';
import { pathSrc } from './ffa/path';
import { header as ffaHeader } from './ffa/sources';

/**
 * Curated comparisons: a short introduction and a ready layout (guide-panes.ts, with the titles). Ids are
 * permanent (they are links: #/guide/<id>). Claims in an introduction carry
 * their sources like any other fact; the panes carry their own.
 */
export interface Guide {
  id: GuideId;
  title: string;
  intro: string;
  sources: readonly Source[];
  panes: readonly GuidePane[];
}

const texts: readonly Omit<Guide, 'title' | 'panes'>[] = [
  {
    id: 'why-smccc-identify',
    intro:
      'Gunyah first put the call number in the HVC immediate and its arguments from x0; Hyper-V first used hvc #1 with its control word in x0. Both later moved to SMCCC (the Gunyah convention’s notes quote the review), where x0 holds a function ID whose owner field says which service should answer, hvc #0 is shared, and the register rules are the standard’s. Step to the trap and compare what EL2 reads in ESR_EL2 and x0.',
    sources: [],
  },
  {
    id: 'why-smccc-message',
    intro:
      'The same idea, carrying data: Gunyah’s message-queue send and Hyper-V’s PostMessage in each ABI. Moving to SMCCC costs one argument register (x0 now holds the function ID), and buys one namespace for every service behind hvc #0.',
    sources: [],
  },
  {
    id: 'fast-calls',
    intro:
      'Hyper-V’s fast calls pass their input in registers instead of memory. SMCCC 1.1 carries seven argument and four result registers; 1.2 lets x1–x17 carry arguments and x0–x17 results. One GCC asm statement takes at most 30 operands, 15 registers each way, so Linux moves 18 registers in and out of arm_smccc_1_2_hvc() in assembly, through a structure, rather than in one inline asm statement.',
    sources: [gccAsm, linux('arch/arm64/kernel/smccc-call.S', 'SMCCC_1_2: loads x0-x17 from the args structure and stores x0-x17 into res')],
  },
  {
    id: 'vcpu-register',
    intro:
      'hv_get_vpreg_128() reads a 128-bit VP register. Under the SMCCC ABI the value comes back in x6 and x7, which only SMCCC 1.2 allows as result registers; the 2019 hvc #1 ABI returned it in x15 and x16 and did not preserve x0–x17.',
    sources: [linux('arch/arm64/hyperv/hv_core.c', 'hv_get_vpreg_128(): "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3."')],
  },
  {
    id: 'x86-styles',
    intro:
      'Four ways an x86 guest asks its hypervisor for something. KVM’s ABI is small and tidy: number in RAX, four arguments, only RAX changes. VMware’s backdoor puts a magic number, a command and a port in every register and answers in several. Hyper-V passes a control word in RCX; Xen numbers its calls in RAX and may clobber the argument registers.',
    sources: [],
  },
  {
    id: 'smccc-versions',
    intro:
      'The same PSCI CPU_ON call under SMCCC 1.0, 1.1 and 1.2. In 1.0 the callee may use x4–x17 as scratch, so the caller must treat them as lost; 1.1 promises to keep them; 1.2 lets x4–x17 carry results, and keeps them otherwise.',
    sources: [],
  },
  {
    id: 'ffa-direct-messages',
    intro:
      'An FF-A direct request carries its message in registers. FFA_MSG_SEND_DIRECT_REQ, there before the v1.1 additions, uses x3–x7 and finds the answer in the same five; v1.2’s REQ2 names the service by UUID in x2–x3 and carries fourteen words, x4–x17, each way. ' +
      'Hyper-V’s fast call beside them gets a 128-bit register value back in x6 and x7. All three need SMCCC 1.2, the only version that lets x4–x17 hold results. ' +
      'The FF-A requests go further than the first hop: TF-A’s SPMD at EL3 copies x0–x17 into the secure world’s context and erets into the SPMC at S-EL2 (Hafnium), which hands the request to the receiving partition at S-EL1; the partition’s answer comes back the same way; each FF-A pane shows those levels. The Hyper-V call stops at the hypervisor at EL2.',
    sources: [
      ffaHeader('struct ffa_send_direct_data (data0 w3/x3 … data4 w7/x7); struct ffa_send_direct_data2 { unsigned long data[14]; /* x4-x17 */ }'),
      githubFile('ARM-software/arm-trusted-firmware', 'include/services/ffa_svc.h', '0651b7beb7e08a01c6e28be61026b053d53308fa', 'FFA_FNUM_MSG_SEND_DIRECT_REQ U(0x6F) listed before "/* FF-A v1.1 */"; FFA_FNUM_MSG_SEND_DIRECT_REQ2 U(0x8D) under "/* FF-A v1.2 */"'),
      pathSrc.copy64,
      pathSrc.loop,
      linux('arch/arm64/hyperv/hv_core.c', 'hv_get_vpreg_128(): "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3."'),
    ],
  },
  {
    id: 'tdx-vmcall-bitmap',
    intro:
      'A guest’s vmcall exits straight to KVM, which reads whatever it likes from the guest’s registers: the number in RAX, arguments in RBX, RCX, RDX and RSI, the answer back in RAX. ' +
      'A trust domain cannot do that: its tdcall (RAX = 0, TDG.VP.VMCALL) goes to the TDX module, and RCX is a bitmap of the registers the module may show the VMM; Linux always sends 0xFFCC, twelve registers, never RAX, RCX, RSP or RBP. ' +
      'The sub-function is in R11, the arguments from R12, and the VMM’s status comes back in R10. In the single view of the TDX pane (← Single view) the bitmap is a bit-field: flip a bit to hide a register from the VMM. ' +
      'KVM’s own hypercalls still work from a TD: Linux puts KVM’s number in R10 instead of 0, and KVM moves R10–R14 into RAX, RBX, RCX, RDX and RSI to reuse the handler the plain vmcall pane goes to.',
    sources: [
      linux('Documentation/virt/kvm/x86/hypercalls.rst', 'X86: "Up to four arguments may be passed in rbx, rcx, rdx, and rsi respectively. The hypercall number should be placed in rax and the return value will be placed in rax."'),
      tdxSrc.hypercall,
      tdxSrc.exposeMask,
      tdxSrc.standard,
      guestTdx('tdx_kvm_hypercall(): .r10 = nr, .r11 = p1, .r12 = p2, .r13 = p3, .r14 = p4'),
      tdxSrc.emulateVmcall,
    ],
  },
  {
    id: 'realm-rsi-vs-psci',
    intro:
      'A normal guest’s PSCI call traps to the hypervisor at EL2, which reads every register the guest left. A realm’s smc never gets there: the RMM sets HCR_EL2.TSC for every REC, so the call traps to the RMM at R-EL2 and comes back without leaving the Realm world, here with a 64-byte measurement in x1–x8, which only SMCCC 1.2’s registers can carry. ' +
      'Only RSI_HOST_CALL reaches the host, through EL3 and the end of the host’s RMI_REC_ENTER, and the host sees what the realm put in a structure in memory, not its registers. TF-RMM also answers a realm’s PSCI calls itself, and an hvc from a realm by injecting an UNDEF exception into it (realm_inject_undef_abort).',
    sources: [ccaSrc.tsc, ccaSrc.tscSet, ccaSrc.syncExit, ccaSrc.rsiHandler, ccaSrc.hostCallExit, linux('arch/arm64/kvm/handle_exit.c', 'arm_exit_handlers[]: [ESR_ELx_EC_HVC64] = handle_hvc')],
  },
];

export const guides: readonly Guide[] = texts.map((g) => ({ ...g, title: guideTitles[g.id], panes: guidePanes[g.id] }));

export function findGuide(id: string): Guide | undefined {
  return guides.find((g) => g.id === id);
}
