import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { SAVED_RET_REGS, tdcall, x8664Td } from './arch';
import { vmcallPath } from './path';
import { LINUX_6_18 } from '../docs';
import { AT_M2, ghci, guestTdx, kvmTdx, src } from './sources';
import { tdcallExit, tdxModuleLeaf, tdxVmcallKvm } from './exceptions';

export const FAMILY_TDCALL = 'tdx-tdcall';
export const FAMILY_VMCALL = 'tdx-tdvmcall';
const FAMILY_NAME = 'Intel TDX (x86-64)';
const ERA = `Linux mainline (KVM @${LINUX_6_18.slice(0, 8)}, Linux 6.18; the guest's tdx.c in a mirror @${AT_M2.slice(0, 8)})`;


const specsNotRead: Note = {
  kind: 'unconfirmed',
  text:
    'Intel’s GHCI and TDX module specifications were not read. Leaf numbers, registers and status codes are Linux’s (arch/x86/include/asm/shared/tdx.h, arch/x86/coco/tdx), ' +
    'the VMM’s side is KVM’s (arch/x86/kvm/vmx/tdx.c), read in a mirror of mainline at the commits the sources name, and what the TDX module does with TDG.VP.VMCALL is read in Intel’s module source (1.5.01). Linux itself cites the GHCI for each call; those section names are shown where it does.',
  sources: [src.abi, src.argsStruct, src.copyToVmm, ghci('"TDCALL [TDG.VP.VMCALL] leaf", "TDCALL [TDG.VP.INFO]" (section 2.4.2)')],
};

const keptByInference: Note = {
  kind: 'unconfirmed',
  text:
    'Kept registers are inferred from Linux’s helper, not stated by the TDX module’s documentation: __tdcall and __tdcall_ret load only RCX, RDX and R8–R11, push none of RBX and R12–R15 (which the C calling convention requires them to keep), ' +
    'and __tdcall_ret stores the outputs through RSI after TDCALL. That works only if the module leaves RBX, RSI and R12–R15 as they were for these leaves.',
  sources: [src.macroNoSave, src.tdcallRet, src.argsStruct],
};

const softwareStruct: Note = {
  kind: 'info',
  text:
    'struct tdx_module_args, through which Linux passes the registers, is "a software only structure and not part of the TDX module/VMM ABI": the ABI is the registers themselves, which is what the picture shows.',
  sources: [src.argsStruct],
};

const errorCode: Note = {
  kind: 'info',
  text:
    'RAX comes back as the TDCALL instruction’s error code, 0 on success. Linux tests the top 32 bits (TDCALL_RETURN_CODE) against TDCALL_INVALID_OPERAND 0xc0000100 and TDCALL_OPERAND_BUSY 0x80000200 for TDG.MR.REPORT and TDG.MR.RTMR.EXTEND; ' +
    'calls that "have no legitimate reason to fail" go through tdcall(), which panics on any error.',
  sources: [
    src.abi,
    guestTdx('#define TDCALL_RETURN_CODE(a) ((a) >> 32); TDCALL_INVALID_OPERAND 0xc0000100; TDCALL_OPERAND_BUSY 0x80000200'),
    guestTdx('tdcall(): "should only be used for calls that have no legitimate reason to fail"; if (__tdcall_ret(fn, args)) panic(…)'),
  ],
};

const vmcallElsewhere: Note = {
  kind: 'info',
  text:
    'Leaf 0, TDG.VP.VMCALL, is a hypercall to the host VMM that the TDX module passes on: it has a convention of its own here (Intel TDX · TDG.VP.VMCALL), where RCX selects the registers the VMM may see and R11 the sub-function. ' +
    'Under this convention it appears once, as the leaf it is, with the register rules of the helper that makes it.',
  sources: [src.hypercall, src.savedRet],
};

export const tdcallConvention: Convention = {
  id: 'tdx-tdcall',
  name: 'Intel TDX · TDCALL to the TDX module (x86-64)',
  family: FAMILY_TDCALL,
  familyName: FAMILY_NAME,
  era: ERA,
  summary:
    'A trust domain calls the Intel TDX module with tdcall: the leaf number in RAX, inputs in RCX, RDX and R8–R11; RAX comes back as the instruction’s error code and the leaf’s outputs in the same registers.',
  arch: x8664Td,
  instruction: tdcall,
  imm: 0,
  selector: 'rax',
  selectorName: 'leaf number',
  slotBits: 64,
  args: ['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11'],
  results: ['rax', 'rcx', 'rdx', 'r8', 'r9', 'r10', 'r11'],
  clobbered: ['rcx', 'rdx', 'r8', 'r9', 'r10', 'r11'],
  preserved: ['rbx', 'rsi', 'r12', 'r13', 'r14', 'r15'],
  roleSources: {
    args: [src.abi, src.tdcall],
    results: [src.abi, src.tdcallRet],
    clobbered: [src.tdcallRet, src.argsStruct],
    preserved: [src.macroNoSave, src.tdcallRet],
  },
  caller: 'the TD guest kernel',
  handler: 'the TDX module',
  exception: tdcallExit,
  handlerPath: tdxModuleLeaf,
  eraLinks: [{ id: 'tdx-tdvmcall', relation: 'related', why: 'Leaf 0, TDG.VP.VMCALL: the module passes the call on to the host VMM with the registers RCX selects.' }],
  sources: [src.who, src.abi, src.tdcall, src.tdcallRet, src.savedRet],
  notes: [specsNotRead, keptByInference, errorCode, softwareStruct, vmcallElsewhere],
};

const throughTheModule: Note = {
  kind: 'info',
  text:
    'The TD cannot exit to the VMM directly: tdcall leaf 0 goes to the TDX module, which hands the registers RCX selects to the VMM; KVM then finds EXIT_REASON_TDCALL (77) as the result of its SEAMCALL TDH.VP.ENTER, ' +
    'reads R10 (0: a standard GHCI call) and R11 (the sub-function), handles the call and writes the status to R10, and enters the TD again through the module.',
  sources: [src.enterExit, src.toExitReason, src.exitType, src.handleExit, src.exitReasons],
};

const hostSeesOnlyExposed: Note = {
  kind: 'info',
  text:
    'In the TDX module’s source (1.5.01), a register whose bit is clear reaches the VMM as 0, and after the call the TD finds its own value there again: the module copies back only the registers the bit map selected, with RAX = 0 and RCX as the TD sent it. ' +
    'Linux always sends TDVMCALL_EXPOSE_REGS_MASK and treats all thirteen registers of __tdcall_saved_ret as outputs, which is what "unknown after the call" shows here whatever the bitmap. The GHCI’s own statement of these rules was not read.',
  sources: [src.copyToVmm, src.backToTd, src.hypercall, src.savedRet, ghci('"TDCALL [TDG.VP.VMCALL] leaf"')],
};

const scrubNote: Note = {
  kind: 'info',
  text:
    'After TDCALL returns, Linux’s __tdcall_saved_ret copies every register into struct tdx_module_args and then zeroes RCX, RDX, R8–R15, RBX and RDI "to prevent speculative use of guest’s/VMM’s values". ' +
    'The zeroing is Linux’s own hygiene, done after the results are saved; it is why these registers are unknown after the call rather than results.',
  sources: [src.scrub],
};

const standardVendor: Note = {
  kind: 'info',
  text:
    'R10 = 0 (TDX_HYPERCALL_STANDARD) marks a call the GHCI defines, with the sub-function in R11. A non-zero R10 is a VMM-specific call: Linux’s tdx_kvm_hypercall puts KVM’s hypercall number in R10 and its arguments in R11–R14, ' +
    'and KVM turns that exit into an ordinary VMCALL exit, moving R10, R11, R12, R13, R14 into RAX, RBX, RCX, RDX, RSI for its usual hypercall handler.',
  sources: [src.standard, guestTdx('tdx_kvm_hypercall(): .r10 = nr, .r11 = p1, .r12 = p2, .r13 = p3, .r14 = p4; return __tdx_hypercall(&args)'), src.toExitReason, src.emulateVmcall],
};

const failedMechanism: Note = {
  kind: 'info',
  text: 'Two status values come back: RAX is the TDCALL instruction’s own (non-zero means the TDVMCALL mechanism failed, and Linux panics), R10 the VMM’s answer to the sub-function.',
  sources: [src.hypercallFailed, src.hypercall, src.status],
};

export const tdvmcallConvention: Convention = {
  id: 'tdx-tdvmcall',
  name: 'Intel TDX · TDG.VP.VMCALL to the VMM (x86-64)',
  family: FAMILY_VMCALL,
  familyName: FAMILY_NAME,
  era: ERA,
  summary:
    'A trust domain calls the host VMM through the TDX module: tdcall with RAX = 0 (TDG.VP.VMCALL), RCX = a bitmap of the registers the VMM may see, R10 = 0 for a standard call, R11 = the sub-function, arguments in R12–R15; ' +
    'the VMM’s status comes back in R10.',
  arch: x8664Td,
  instruction: tdcall,
  imm: 0,
  fixed: [
    {
      register: 'rax',
      name: 'TDG_VP_VMCALL',
      meaning: 'TDCALL leaf 0: a hypercall to the VMM through the TDX module',
      value: 0n,
      sources: [src.leaf('TDG_VP_VMCALL', 0), src.hypercall],
    },
  ],
  selector: 'r11',
  selectorName: 'sub-function',
  slotBits: 64,
  args: ['r12', 'r13', 'r14', 'r15'],
  results: ['rax', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'],
  clobbered: [...SAVED_RET_REGS],
  preserved: [],
  roleSources: {
    args: [src.standard, src.hypercall, src.exitType],
    results: [src.hypercall, src.status, src.exitType],
    clobbered: [src.savedRet, src.scrub],
    preserved: [src.savedRet],
  },
  caller: 'the TD guest kernel',
  handler: 'the TDX module, passing the call to the VMM',
  exception: tdcallExit,
  handlerPath: tdxVmcallKvm,
  eraLinks: [
    { id: 'tdx-tdcall', relation: 'related', why: 'The other TDCALL leaves, which the TDX module handles itself.' },
    { id: 'kvm-x86-vmcall', relation: 'related', why: 'A plain VMCALL under KVM: every register is the VMM’s to read.' },
  ],
  path: vmcallPath,
  sources: [src.who, src.hypercall, src.savedRet, src.bitmask, kvmTdx('handle_tdvmcall()'), src.handleExit],
  notes: [specsNotRead, throughTheModule, hostSeesOnlyExposed, standardVendor, failedMechanism, scrubNote],
};
