import type { ExceptionDef, HandlerPath, HandlerStep } from '../../model/exception';
import { githubFile, linux } from '../docs';
import { kvmSev, MIRROR2_AT, src as sev } from '../sev/sources';

/**
 * VMGEXIT as the host takes it. Unlike a plain #VMEXIT, the guest's
 * registers are in its VMSA, encrypted with the guest's key: the host reads
 * the exit code and the GHCB MSR from the VMCB and, with a GHCB page, only
 * the fields the guest wrote there. AMD's manual and the GHCB specification
 * were not read; everything here is KVM's side as Linux shows it.
 */

const svmC = (where: string) => githubFile('Kingxukai/linux', 'arch/x86/kvm/svm/svm.c', MIRROR2_AT, where);

const noSkip = linux(
  'arch/x86/kvm/svm/svm.c',
  '__svm_skip_emulated_instruction(): "SEV-ES does not expose the next RIP. The RIP update is controlled by the type of exit and the #VC handler in the guest." if (sev_es_guest(vcpu->kvm)) goto done',
);
const vmenterEs = linux('arch/x86/kvm/svm/vmenter.S', '"__svm_sev_es_vcpu_run - Run a SEV-ES vCPU via a transition to SVM guest mode" … "1: vmrun"');
const vmsaPage = svmC('svm_vcpu_create(): "SEV-ES guests require a separate VMSA page used to contain the encrypted register state of the guest."');

export const sevSrc = {
  exitTable: linux('arch/x86/kvm/svm/svm.c', 'svm_exit_handlers[]: "[SVM_EXIT_VMGEXIT] = sev_handle_vmgexit" (under CONFIG_KVM_AMD_SEV)'),
  pageSwitch: kvmSev(
    'sev_handle_vmgexit: "exit_code = kvm_ghcb_get_sw_exit_code(control); switch (exit_code)": case SVM_VMGEXIT_MMIO_READ: setup_vmgexit_scratch … ; "default: ret = svm_invoke_exit_handler(vcpu, exit_code)"',
  ),
  validate: kvmSev(
    'sev_es_validate_vmgexit: "Only GHCB Usage code 0 is supported"; sw_exit_code, sw_exit_info_1 and sw_exit_info_2 must be valid; then, per exit code, the registers it needs (SVM_EXIT_CPUID: rax and rcx)',
  ),
  noSkip,
  vmsaPage,
};

/** VMGEXIT: #VMEXIT with SVM_EXIT_VMGEXIT; the host cannot see or move the guest's RIP. */
export const vmgexitExit: ExceptionDef = {
  instruction: 'x86-vmgexit',
  level: 'host',
  pc: 'RIP',
  returnAddress: {
    register: 'VMSA rip (encrypted)',
    bytesPast: 'length',
    why: 'the guest’s state is saved in its VMSA, encrypted with the guest’s key, so the host can neither read nor move RIP. KVM does not step an SEV-ES guest past anything, and the guest runs on after VMGEXIT(): the saved RIP is taken to be past the vmgexit (inferred from those two; AMD’s manual not read)',
    sources: [sev.vmsa, vmsaPage, noSkip, sev.hvCall],
  },
  saved: [
    {
      register: 'VMCB control.ghcb_gpa',
      value: 'the guest’s GHCB MSR',
      why: 'the one guest value the host reads from the VMCB: low 12 bits (GHCB_MSR_INFO_MASK) not 0, an MSR-protocol request; 0, the address of the GHCB page',
      sources: [sev.dispatch, sev.msrInfo, sev.msrIntercept],
    },
  ],
  destination: {
    kind: 'register',
    register: 'the instruction after VMRUN',
    why: 'on #VMEXIT the host continues after its VMRUN',
    sources: [vmenterEs],
  },
  resume: {
    instruction: 'VMRUN',
    restores: [
      {
        register: 'RIP',
        value: 'VMSA rip',
        why: 'VMRUN loads the guest’s state from its encrypted VMSA; the host answered through the GHCB MSR or the GHCB page, not the guest’s registers',
        sources: [sev.vmsa, vmsaPage],
      },
    ],
    sources: [vmenterEs],
  },
  notes: [
    {
      text:
        'What the host sees: the exit code (SVM_EXIT_VMGEXIT), the GHCB MSR (ghcb_gpa) and, with a GHCB page, the fields the guest marked valid in it, which KVM copies out (sev_es_sync_from_ghcb). ' +
        'What it does not: the guest’s RIP, RAX and every other register, which stay in the encrypted VMSA. KVM does not add an instruction length; for an exit the #VC handler forwards, the handler moves its own RIP past the instruction it emulated (vc_finish_insn).',
      sources: [sev.vmsa, sev.dispatch, sev.pageMap, noSkip, sev.finishInsn],
    },
  ],
};

const exitTable: HandlerStep = {
  fn: 'svm_invoke_exit_handler → svm_exit_handlers[SVM_EXIT_VMGEXIT] = sev_handle_vmgexit',
  what: 'after #VMEXIT, the exit code 0x403 picks sev_handle_vmgexit',
  sources: [linux('arch/x86/kvm/svm/svm.c', 'svm_invoke_exit_handler(): "return svm_exit_handlers[exit_code](vcpu)"'), sevSrc.exitTable, sev.exitVmgexit],
};

/** KVM's handling of the GHCB MSR protocol: the request is in the MSR's low 12 bits. */
export const sevMsrKvm: HandlerPath = {
  who: 'KVM on x86 (Linux), SEV-ES/SNP host',
  steps: [
    exitTable,
    {
      fn: 'sev_handle_vmgexit',
      what: 'reads the GHCB MSR from the VMCB’s ghcb_gpa; its low 12 bits are not 0, so this is an MSR-protocol request',
      sources: [sev.dispatch],
    },
    {
      fn: 'sev_handle_vmgexit_msr_protocol',
      what: 'switches on GHCBInfo (bits 11:0) and writes the response into ghcb_gpa, which the guest reads back from the MSR; an unknown request leaves the MSR as it was',
      sources: [sev.msrHandler, sev.msrDefault],
    },
  ],
};

/** KVM's handling of a GHCB page request: the exit code and its operands are in the shared page. */
export const sevPageKvm: HandlerPath = {
  who: 'KVM on x86 (Linux), SEV-ES/SNP host',
  steps: [
    exitTable,
    {
      fn: 'sev_handle_vmgexit → kvm_vcpu_map, sev_es_sync_from_ghcb',
      what: 'ghcb_gpa’s low 12 bits are 0, so it is the page’s address: KVM maps the page and copies the fields the guest marked valid into the vCPU (rax, rcx …) and the VMCB’s exit fields',
      sources: [sev.dispatch, sev.pageMap],
    },
    {
      fn: 'sev_es_validate_vmgexit',
      what: 'GHCB usage must be 0; sw_exit_code, sw_exit_info_1 and sw_exit_info_2 must be valid, and so must the registers the exit code needs',
      sources: [sevSrc.validate],
    },
    {
      fn: 'switch (sw_exit_code)',
      what: 'VMGEXIT-only codes (MMIO, AP creation, …) are handled here; an ordinary exit code such as SVM_EXIT_CPUID goes to svm_invoke_exit_handler as if the guest had exited for it',
      sources: [sevSrc.pageSwitch],
    },
  ],
};
