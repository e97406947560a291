import type { Path, Place } from '../../model/path';
import { kvmSev, src, uapiSvm } from './sources';

/**
 * VMGEXIT as a path: the guest's exit reaches KVM with exit code
 * SVM_EXIT_VMGEXIT, which hands KVM the GHCB MSR's value (the VMCB's
 * ghcb_gpa field) and nothing else; KVM answers in that field or in the GHCB
 * page and resumes the guest with VMRUN. Two levels, but drawn as a path so
 * that the stage and the exports say what each side receives.
 */

const guest: Place = { level: 'SEV-ES guest', world: 'guest', who: 'the guest kernel' };
const host = { level: 'SVM host', world: 'host', who: 'KVM' } as const;

const setGhcbMsr = kvmSev('set_ghcb_msr(svm, value): svm->vmcb->control.ghcb_gpa = value; set_ghcb_msr_bits()/get_ghcb_msr_bits() work on the same field');

export function vmgexitPath(mode: 'msr' | 'page'): Path {
  const msr = mode === 'msr';
  return {
    instruction: 'x86-vmgexit',
    from: guest,
    fromPasses: { kind: 'listed', registers: ['ghcb_msr'] },
    out: [
      {
        ...host,
        enter: { how: 'trap', instruction: 'x86-vmgexit', imm: 0 },
        sees: msr
          ? 'sev_handle_vmgexit reads the GHCB MSR’s value from the VMCB’s ghcb_gpa field: its low 12 bits are not 0, so it is an MSR-protocol request, and sev_handle_vmgexit_msr_protocol dispatches on GHCBInfo. No guest register is in view.'
          : 'sev_handle_vmgexit reads the GHCB MSR’s value from the VMCB’s ghcb_gpa field: its low 12 bits are 0, so it is the GPA of the GHCB page, which KVM maps and reads (sev_es_sync_from_ghcb). No guest register is in view.',
        passes: { kind: 'listed', registers: ['ghcb_msr'] },
        passesHow: msr ? 'the response goes into the VMCB’s ghcb_gpa field (set_ghcb_msr)' : 'the answer itself is in the GHCB page',
        sources: [src.exitVmgexit, src.dispatch, msr ? src.msrHandler : src.pageMap, setGhcbMsr],
      },
    ],
    back: [
      {
        ...guest,
        enter: { how: 'forward', what: 'VMRUN resumes the guest' },
        sees: msr
          ? 'The guest reads the response back with rdmsr (sev_es_rd_ghcb_msr); its own registers are as it left them.'
          : 'The guest reads the answer from the GHCB page (verify_exception_info, then the fields it asked for); its own registers are as it left them.',
        sources: [src.wrMsr, src.vmsa, ...(msr ? [] : [src.verify])],
      },
    ],
    sources: [src.exitVmgexit, uapiSvm('SVM_EXIT_REASONS: { SVM_EXIT_VMGEXIT, "vmgexit" }'), src.dispatch, setGhcbMsr],
    notes: [
      {
        kind: 'unconfirmed',
        text: 'KVM reads and writes the GHCB MSR as the VMCB’s ghcb_gpa field; that the hardware saves the guest’s MSR there on the exit and loads it back on VMRUN, and what else it saves into the encrypted VMSA, is the AMD manual’s and was not read.',
        sources: [setGhcbMsr, src.msrIntercept, src.vmsa],
      },
    ],
  };
}
