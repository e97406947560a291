import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { msrIndex, sevArch, vmgexit } from './arch';
import { FAMILY as PAGE, ghcbReturnNote } from './page-call';
import { runVmplNote } from './snp-events';
import { FAMILY as MSR } from './msr-protocol';
import { vmgexitPath } from './path';
import { src, svmH } from './sources';
import { sevMsrKvm, sevPageKvm, vmgexitExit } from './exceptions';

const GPRS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

const noGprs: Note = {
  kind: 'info',
  text:
    'The host sees no guest register: an SEV-ES guest’s registers stay in its VMSA, encrypted with the guest’s key, and VMGEXIT passes none of them. ' +
    'Everything the hypervisor learns comes from the GHCB MSR value, or from the GHCB page whose address that MSR holds. Linux’s VMGEXIT() names no register operands and no clobbers.',
  sources: [src.vmsa, src.vmgexit, src.dispatch],
};

const msrSwitched: Note = {
  kind: 'info',
  text: 'The GHCB MSR is context-switched by the hardware: KVM stops intercepting it, so the guest’s wrmsr does not exit; the MSR value reaches the host only with VMGEXIT, as the VMCB’s ghcb_gpa field.',
  sources: [src.msrIntercept, src.dispatch],
};

const unread: Note = {
  kind: 'unconfirmed',
  text:
    'The GHCB specification (AMD 56421) and the AMD manuals were not read. Codes, fields and offsets are Linux’s (sev-common.h, asm/svm.h) as its guest and KVM use them; ' +
    'MSR_AMD64_SEV_ES_GHCB = 0xC0010130 is Linux’s msr-index.h. What the hardware saves into the VMSA on VMGEXIT is not described here.',
  sources: [msrIndex, src.ghcbStruct],
};

const vmgexitBytes: Note = {
  kind: 'info',
  text: 'VMGEXIT is VMMCALL with a rep prefix: F3 then 0F 01 D9. A CPU that is not running an SEV-ES guest treats it as VMMCALL (the prefix is ignored), which is why the encoding was chosen; this last point is the AMD manual’s and was not read.',
  sources: [src.vmgexit],
};

function convention(mode: 'msr' | 'page'): Convention {
  const msr = mode === 'msr';
  return {
    id: msr ? 'sev-es-ghcb-msr' : 'sev-es-ghcb-page',
    name: `AMD SEV-ES · VMGEXIT, ${msr ? 'GHCB MSR protocol' : 'GHCB page'} (x86-64)`,
    family: msr ? MSR : PAGE,
    familyName: msr ? 'AMD SEV-ES/SNP: GHCB MSR protocol' : 'AMD SEV-ES/SNP: GHCB page',
    era: msr ? 'GHCB MSR protocol' : 'GHCB page',
    summary: msr
      ? 'An SEV-ES/SNP guest writes a request into the GHCB MSR (0xC0010130): the request code in bits 11:0, its data above. VMGEXIT exits to the host, which reads the MSR value, writes its response into the same MSR and resumes the guest with VMRUN. No general-purpose register carries anything.'
      : 'An SEV-ES/SNP guest fills its GHCB, a page shared with the host, with the exit code, two exit-information words and the state the exit needs, writes the page’s GPA into the GHCB MSR and executes VMGEXIT. The host reads the page and answers in it.',
    arch: sevArch,
    instruction: vmgexit,
    imm: 0,
    selectorName: msr ? 'GHCBInfo' : 'sw_exit_code',
    selectedBy: msr ? 'GHCBInfo (bits 11:0 of the GHCB MSR)' : 'sw_exit_code in the GHCB page',
    slotBits: 64,
    args: ['ghcb_msr'],
    results: msr ? ['ghcb_msr'] : [],
    clobbered: [],
    preserved: GPRS,
    roleSources: {
      args: [src.wrMsr, msr ? src.msrInfo : src.hvCall],
      results: msr ? [src.msrHandler, src.wrMsr] : [src.verify],
      clobbered: [],
      preserved: [src.vmsa, src.vmgexit],
    },
    handler: 'KVM',
    exception: vmgexitExit,
    handlerPath: msr ? sevMsrKvm : sevPageKvm,
    path: vmgexitPath(mode),
    eraLinks: [
      msr
        ? { id: 'sev-es-ghcb-page', relation: 'related', why: 'the GHCB page protocol: the MSR carries only the page’s address' }
        : { id: 'sev-es-ghcb-msr', relation: 'related', why: 'the MSR protocol: requests small enough for the MSR itself, used before a GHCB page is set up' },
      { id: 'kvm-x86-vmmcall', relation: 'related', why: 'a plain VMMCALL under KVM, where the host reads the guest’s rax, rbx, rcx and rdx' },
    ],
    sources: [src.vmgexit, src.wrMsr, src.dispatch, msr ? src.msrHandler : src.pageMap, svmH('struct ghcb')],
    notes: msr ? [noGprs, msrSwitched, vmgexitBytes, unread] : [noGprs, ghcbReturnNote, msrSwitched, vmgexitBytes, unread, runVmplNote],
  };
}

export const sevConventions: readonly Convention[] = [convention('msr'), convention('page')];
