import type { Architecture, InstructionDef } from '../../model/arch';
import type { Convention } from '../../model/convention';
import type { Note } from '../../model/source';
import { svmExit, vmxExit, x86, x8664 } from '../arch/x86-64';
import { linux, xen, xenAt } from '../docs';
import type { Family } from '../family';
import { XEN_FAMILY, XEN_FAMILY_NAME, xenEnosys, xenLinuxXen, xenSrc } from './arm';
import { xenExits } from './exceptions';
import { xenX86Handler } from './handlers';

/**
 * Xen hypercalls from x86 HVM/PVH guests: through the hypercall page Xen
 * writes into the guest, or by executing vmcall/vmmcall directly as current
 * Linux does. The calls themselves are shared with Arm (./arm.ts).
 */

const ABI = 'docs/guest-guide/x86/hypercall-abi.rst';
const X64_H = 'xen/include/public/arch-x86/xen-x86_64.h';
const HVM_HC = 'xen/arch/x86/hvm/hypercall.c';
const L_HC = 'arch/x86/include/asm/xen/hypercall.h';
const L_HEAD = 'arch/x86/xen/xen-head.S';

const src = {
  table: xen(ABI, 'Registers table: 64bit: Hypercall Index RAX, Parameters RDI RSI RDX R10 R8 R9, Result RAX; 32bit: EAX, EBX ECX EDX ESI EDI EBP, EAX'),
  params: xen(
    ABI,
    'Parameters: "Each hypercall potentially clobbers each of its parameter registers; a guest may not rely on the parameter registers staying the same. A debug build of Xen checks this by deliberately poisoning the parameter registers"',
  ),
  transfer: xen(ABI, 'Mode transfer: Intel HVM VMCALL, AMD HVM VMMCALL; 32bit PV INT 0x82; 64bit PV SYSCALL'),
  page: xen(ABI, 'Hypercall Page: "The stubs are arranged by hypercall index, and start on 32-byte boundaries … call hypercall_page + index * 32"'),
  pageMsr: xen(
    ABI,
    'Creating Hypercall Pages: "When a guest physical address is written to the MSR, Xen writes a hypercall page into the nominated guest page."',
  ),
  compat: xen(ABI, 'footnote 2: "hypercalls issues from such a mode will be interpreted with the 32bit ABI"'),
  kernelOnly: xen(ABI, '"Hypercalls may only be issued by kernel-level software"'),
  x64: xen(
    X64_H,
    'Hypercall interface: "Input: %rdi, %rsi, %rdx, %r10, %r8 (arguments 1-5) Output: %rax … call hypercall_page + hypercall-number * 32 Clobbered: argument registers (e.g., 2-arg hypercall clobbers %rdi,%rsi)"',
  ),
  x64legacy: xenAt(
    '8282a2822b84cdce2f43449e2b9aa7f375d998c1',
    X64_H,
    'Legacy hypercall interface, under #if __XEN_INTERFACE_VERSION__ < 0x00030203 (removed by commit c95aea86, 2011): "mov $hypercall-number*32,%eax ; syscall Clobbered: %rcx, %r11, argument registers"',
  ),
  oldComment: xenLinuxXen,
  oldXen: xenAt(
    '013351bd7ab3e35717e0133b5f44f82efd6a5d28',
    'xen/include/public/xen.h',
    'until d87addff (2006-08-19): "x86_64: RAX = vector; RDI, RSI, RDX, R10, R8, R9 = args 1, 2, 3, 4, 5, 6. RAX = return value (argument registers not clobbered on return; RCX, R11 are)"',
  ),
  vmxStub: xen(
    'xen/arch/x86/hvm/vmx/vmx.c',
    'vmx_init_hypercall_page(): *(u8 *)(p + 0) = 0xb8; /* mov imm32, %eax */ *(u32 *)(p + 1) = i; 0x0f, 0x01, 0xc1 /* vmcall */; *(u8 *)(p + 8) = 0xc3; /* ret */',
  ),
  svmStub: xen('xen/arch/x86/hvm/svm/svm.c', 'svm_init_hypercall_page(): 0xb8 /* mov imm32, %eax */, i, 0x0f, 0x01, 0xd9 /* vmmcall */, 0xc3 /* ret */'),
  iretStub: xen('xen/arch/x86/hvm/vmx/vmx.c', 'vmx_init_hypercall_page(): __HYPERVISOR_iret stub = 0x0b0f /* ud2 */'),
  dispatch64: xen(HVM_HC, 'hvm_hypercall(): mode 8: eax = regs->rax; rdi, rsi, rdx, r10, r8, r9 passed to the handler; regs->rax = result'),
  dispatch32: xen(HVM_HC, 'hvm_hypercall(): other modes: eax = regs->eax; ebx, ecx, edx, esi, edi, ebp passed to the compat handler; regs->rax = result'),
  enosys: xen(
    HVM_HC,
    'hvm_hypercall() (revision with hvm_hypercall_table): if ( eax >= ARRAY_SIZE(hvm_hypercall_table) ) { regs->rax = -ENOSYS; …}; also when the entry is NULL',
  ),
  eperm: xen(HVM_HC, 'hvm_hypercall(): if ( unlikely(hvm_get_cpl(curr)) ) { regs->rax = -EPERM; …}'),
  poison: xen(
    'xen/arch/x86/include/asm/hypercall.h',
    'clobber_regs64(), clobber_regs32(): #ifndef NDEBUG "/* Deliberately corrupt used parameter regs. */": 0xdeadbeefdeadf00dUL (64-bit), 0xdeadf00dU (32-bit), called from hvm_hypercall() through clobber_regs()',
  ),
  linuxRegs: linux(
    L_HC,
    '__HYPERCALL_ENTRY(x) "a" (x); x86_64 __HYPERCALL_ARG1REG…ARG5REG = "rdi", "rsi", "rdx", "r10", "r8"; x86_32 "ebx", "ecx", "edx", "esi", "edi"; __HYPERCALL_RETREG "rax"/"eax"',
  ),
  linuxClobber: linux(
    L_HC,
    '"Mark all registers as potentially clobbered", "Even unused parameters can be clobbered by the hypervisor, so we need to make sure gcc knows it."; __HYPERCALL_CLOBBERn lists the unused argument registers',
  ),
  linuxStatic: linux(L_HC, '#define __HYPERCALL … call STATIC_CALL_TRAMP(xen_hypercall)'),
  linuxIntel: linux(
    L_HEAD,
    'SYM_FUNC_START(xen_hypercall_intel) vmcall; RET; xen_hypercall_amd: vmmcall; RET; comment "Input: %eax: hypercall number … 64-bit: %rdi, %rsi, %rdx, %r10, %r8: args 1..5 for the hypercall Output: %[er]ax"',
  ),
};

export const hypercallPageStub: InstructionDef = {
  id: 'xen-x86-hypercall-page-stub',
  mnemonic: 'call',
  syntax: { template: 'call hypercall_page+{imm}', scale: 32 },
  inlineAsm: {
    declarations: ['extern unsigned char hypercall_page[];'],
    note:
      'Xen hypercall page: this calls the stub Xen wrote at hypercall_page + nr * 32 (mov $nr, %eax; vmcall or vmmcall; ret), ' +
      'as the convention shows, rather than trapping inline; the guest must have registered the page (the MSR from CPUID ' +
      '0x40000002) and define the symbol. The same call without the page is the vmcall/vmmcall convention. Build with ' +
      '-mno-red-zone, as the kernel is: the call pushes a return address below the stack pointer.',
  },
  immBits: 32,
  encoding: {
    kind: 'bytes',
    bytes: [0xb8, 0, 0, 0, 0, 0x0f, 0x01, 0xc1, 0xc3],
    imm: { offset: 1, size: 4 },
    sources: [src.vmxStub],
  },
  target: 'host',
  syndrome: vmxExit(18, 'EXIT_REASON_VMCALL (18): the stub’s vmcall exits to Xen'),
  alsoSyndromes: [svmExit(0x81, 'SVM_EXIT_VMMCALL (0x081): on AMD the stub holds vmmcall (0F 01 D9) at bytes 5–7')],
  sources: [src.page, src.vmxStub, src.svmStub],
};

/** Per-call clobbering, as on Arm: only the parameter registers a call uses. */
const clobberNote: Note = {
  kind: 'disagreement',
  text:
    'Which registers survive a call. The current guest guide says each hypercall may clobber each of its own parameter registers, and xen-x86_64.h agrees ("Clobbered: argument registers"); that rule is shown here, so an argument register the call uses is lost. ' +
    'The old header comment, still in Linux’s include/xen/interface/xen.h, says the opposite for 64-bit: "argument registers not clobbered on return; RCX, R11 are" (it dates from the syscall entry of 64-bit PV). ' +
    'Linux’s own wrappers are stricter than both and tell the compiler that all five argument registers may change, used or not.',
  sources: [src.params, src.x64, src.oldComment, src.oldXen, src.x64legacy, src.linuxClobber],
};

const sixthNote = (wide: boolean): Note => ({
  kind: 'disagreement',
  text:
    `How many parameters. The guest guide’s table lists six (the sixth in ${wide ? 'R9' : 'EBP'}), and Xen’s HVM dispatcher passes a sixth register to every handler; ` +
    'xen-x86_64.h and Linux stop at five. No call here uses a sixth, so five are shown and ' +
    `${wide ? 'r9' : 'ebp'} is given no promise either way.`,
  sources: [src.table, wide ? src.dispatch64 : src.dispatch32, src.x64, src.linuxRegs],
});

const preservedNote: Note = {
  kind: 'unconfirmed',
  text: 'The Xen documents say which registers a hypercall may clobber but not which it preserves. The registers they never name are shown as preserved on that reading.',
  sources: [src.params, src.x64],
};

const poisonNote = (wide: boolean): Note => ({
  kind: 'info',
  text: `A debug build of Xen writes ${wide ? '0xDEADBEEFDEADF00D' : '0xDEADF00D'} into the parameter registers a call used, so a guest that relies on them breaks at once.`,
  sources: [src.poison, src.params],
});

const cplNote: Note = {
  kind: 'info',
  text: `Only kernel-level software may make hypercalls: from CPL > 0 Xen returns -EPERM (-1) without looking at the number.`,
  sources: [src.kernelOnly, src.eperm],
};

const pageNote: Note = {
  kind: 'info',
  text: 'The guest calls into the page; the page’s stub does the work. Xen fills each 32-byte slot with mov $nr, %eax (B8 + 4-byte nr), vmcall (0F 01 C1) on Intel or vmmcall (0F 01 D9) on AMD, then ret (C3). An HVM guest creates the page by writing its guest-physical address to the MSR named in Xen’s CPUID leaves. The encoding shown is the Intel stub, and "call" here is the guest’s own call into it.',
  sources: [src.vmxStub, src.svmStub, src.pageMsr, src.page],
};

const linuxDirectNote: Note = {
  kind: 'unconfirmed',
  text: 'Current Linux HVM/PVH guests no longer call a hypercall page: __HYPERCALL is a static call to xen_hypercall_intel (vmcall; ret) or xen_hypercall_amd (vmmcall; ret). We did not check which kernel release made the change.',
  sources: [src.linuxStatic, src.linuxIntel],
};

const compatNote: Note = {
  kind: 'info',
  text: 'An HVM guest gets this 32-bit ABI whenever its vCPU is not in a 64-bit code segment, even under a 64-bit kernel.',
  sources: [src.compat, src.dispatch32],
};

type Kind = 'hypercall-page' | 'vmcall' | 'vmmcall';

function convention(arch: Architecture, kind: Kind): Convention {
  const wide = arch.id === 'x86-64';
  const w = wide ? '64' : '32';
  const args = wide ? ['rdi', 'rsi', 'rdx', 'r10', 'r8'] : ['ebx', 'ecx', 'edx', 'esi', 'edi'];
  const ret = wide ? 'rax' : 'eax';
  const preserved = wide ? ['rbx', 'rcx', 'rbp', 'rsp', 'r11', 'r12', 'r13', 'r14', 'r15'] : ['esp'];
  const page = kind === 'hypercall-page';
  const instruction = page ? hypercallPageStub : arch.instructions[kind]!;
  const how = page ? 'through the hypercall page' : kind === 'vmcall' ? 'with a direct vmcall (Intel)' : 'with a direct vmmcall (AMD)';
  const summary = page
    ? `Xen from a ${w}-bit HVM guest through the hypercall page: the guest calls hypercall_page + nr * 32, and the stub Xen wrote there loads the hypercall number into eax ` +
      `(mov $nr, %eax) and executes vmcall or vmmcall. Arguments in ${args.join(', ')}, result in ${ret}; the call may clobber the argument registers it uses.`
    : `Xen from a ${w}-bit HVM/PVH guest ${how}, as current Linux does (xen_hypercall_${kind === 'vmcall' ? 'intel' : 'amd'}): hypercall number in ${ret}, ` +
      `arguments in ${args.join(', ')}, result in ${ret}; the call may clobber the argument registers it uses.`;
  const links: { id: string; relation: 'related'; why: string }[] = [];
  const base = `xen-x86-${w}`;
  if (!page) links.push({ id: `${base}-hypercall-page`, relation: 'related', why: 'the hypercall page, whose stub executes the same instruction' });
  if (page) links.push({ id: `${base}-vmcall`, relation: 'related', why: 'vmcall executed directly, without the page, as current Linux does' });
  if (kind === 'vmcall' && wide) links.push({ id: `${base}-vmmcall`, relation: 'related', why: 'the AMD form' });
  if (kind === 'vmmcall') links.push({ id: `${base}-vmcall`, relation: 'related', why: 'the Intel form' });
  if (kind !== 'vmmcall')
    links.push({
      id: `xen-x86-${wide ? '32' : '64'}-${kind}`,
      relation: 'related',
      why: wide ? 'the 32-bit ABI: eax, ebx…edi' : 'the 64-bit ABI: rax, rdi…r8',
    });
  links.push({ id: 'xen-arm64-hvc', relation: 'related', why: 'the same hypercalls on Arm: hvc #0xEA1, number in x16' });

  const notes: Note[] = [clobberNote, sixthNote(wide), preservedNote, poisonNote(wide), cplNote];
  if (page) notes.unshift(pageNote);
  else notes.unshift(linuxDirectNote);
  if (!wide) notes.push(compatNote);

  return {
    id: `${base}-${kind}`,
    name: `Xen hypercall · ${page ? 'hypercall page' : kind} (${wide ? 'x86-64' : '32-bit x86'})`,
    family: XEN_FAMILY,
    familyName: XEN_FAMILY_NAME,
    era: `x86-${w} ${page ? 'hypercall page' : `direct ${kind}`}`,
    summary,
    arch,
    instruction,
    imm: page ? 'call' : 0,
    selector: page ? 'eax' : ret,
    selectorName: 'hypercall number',
    slotBits: wide ? 64 : 32,
    args,
    results: [ret],
    clobbered: [],
    preserved,
    roleSources: {
      args: [src.table, ...(wide ? [src.x64] : []), src.linuxRegs, wide ? src.dispatch64 : src.dispatch32],
      results: [src.table, src.linuxRegs],
      clobbered: [],
      preserved: [src.params, src.x64],
    },
    unknownCall: { value: xenEnosys(wide ? 64 : 32), name: '-ENOSYS (-38)', sources: [src.enosys, xenSrc.errno] },
    handler: 'the hypervisor',
    exception: xenExits[kind],
    handlerPath: xenX86Handler,
    eraLinks: links,
    sources: page ? [src.page, src.x64, src.vmxStub, src.svmStub] : [src.transfer, src.linuxIntel, src.linuxStatic, src.table],
    notes,
  };
}

export const xenX86Conventions: readonly Convention[] = [
  convention(x8664, 'hypercall-page'),
  convention(x8664, 'vmcall'),
  convention(x8664, 'vmmcall'),
  convention(x86, 'hypercall-page'),
  convention(x86, 'vmcall'),
];

/** The calls are exported once, by ./arm.ts, under the shared family 'xen'. */
export const xenX86: Family = { conventions: xenX86Conventions, calls: [] };
