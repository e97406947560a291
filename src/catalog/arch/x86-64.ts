import type { Architecture, InstructionDef, Level, SyndromeDef } from '../../model/arch';
import type { BitLayout } from '../../model/bits';
import { linux, linuxAt } from '../docs';

const VMX_H = 'arch/x86/include/uapi/asm/vmx.h';
const SVM_H = 'arch/x86/include/uapi/asm/svm.h';

/** The VM-exit reason as VMX reports it; the basic reason is the low 16 bits. */
export const vmxExitReason: BitLayout = {
  id: 'vmx-exit-reason',
  name: 'VM-exit reason',
  bits: 32,
  fields: [
    {
      key: 'failed',
      name: 'VM-entry failure',
      hi: 31,
      lo: 31,
      sources: [linux('arch/x86/include/asm/vmx.h', 'union vmx_exit_reason: failed_vmentry (bit 31)')],
    },
    { key: 'rsvd', name: 'other flags', hi: 30, lo: 16, sources: [linux('arch/x86/include/asm/vmx.h', 'union vmx_exit_reason')] },
    {
      key: 'basic',
      name: 'basic exit reason',
      hi: 15,
      lo: 0,
      names: { '10': 'CPUID', '12': 'HLT', '18': 'VMCALL', '30': 'I/O instruction', '31': 'MSR read', '32': 'MSR write' },
      sources: [
        linux(VMX_H, 'EXIT_REASON_VMCALL 18, EXIT_REASON_IO_INSTRUCTION 30'),
        linux('arch/x86/include/asm/vmx.h', 'union vmx_exit_reason: basic (bits 15:0)'),
      ],
    },
  ],
  sources: [linux('arch/x86/include/asm/vmx.h', 'union vmx_exit_reason')],
};

/** SVM's EXITCODE in the VMCB. */
export const svmExitCode: BitLayout = {
  id: 'svm-exit-code',
  name: 'EXITCODE',
  bits: 32,
  fields: [
    {
      key: 'code',
      name: 'exit code',
      hi: 31,
      lo: 0,
      names: { '114': 'SVM_EXIT_CPUID', '123': 'SVM_EXIT_IOIO', '124': 'SVM_EXIT_MSR', '128': 'SVM_EXIT_VMRUN', '129': 'SVM_EXIT_VMMCALL', '1027': 'SVM_EXIT_VMGEXIT' },
      sources: [linux(SVM_H, 'SVM_EXIT_VMMCALL 0x081, SVM_EXIT_IOIO 0x07b')],
    },
  ],
  sources: [linux(SVM_H, 'SVM_EXIT_*')],
};

export function vmxExit(reason: number, className: string): SyndromeDef {
  return {
    register: 'VM-exit reason',
    layout: vmxExitReason,
    fixed: { basic: BigInt(reason) },
    className,
    sources: [linux(VMX_H, `EXIT_REASON_* = ${reason}`)],
  };
}

export function svmExit(code: number, className: string): SyndromeDef {
  return {
    register: 'SVM EXITCODE',
    layout: svmExitCode,
    fixed: { code: BigInt(code) },
    className,
    sources: [linux(SVM_H, `SVM_EXIT_* = 0x${code.toString(16).padStart(3, '0')}`)],
  };
}

const vmcall: InstructionDef = {
  id: 'x86-vmcall',
  mnemonic: 'vmcall',
  immBits: 0,
  encoding: {
    kind: 'bytes',
    bytes: [0x0f, 0x01, 0xc1],
    sources: [
      linuxAt('53279f36', 'arch/x86/include/asm/kvm_para.h', 'KVM_HYPERCALL ".byte 0x0f,0x01,0xc1"'),
      linux('arch/x86/lib/x86-opcode-map.txt', 'GrpTable: Grp7 (0f 01), row 0: "VMCALL (001),(11B)": ModRM mod 11, reg 000, rm 001 = 0xc1'),
    ],
  },
  target: 'host',
  syndrome: vmxExit(18, 'EXIT_REASON_VMCALL (18): VMCALL executed in VMX non-root operation'),
  sources: [linux('arch/x86/include/asm/kvm_para.h', 'KVM_HYPERCALL')],
};

const vmmcall: InstructionDef = {
  id: 'x86-vmmcall',
  mnemonic: 'vmmcall',
  immBits: 0,
  encoding: {
    kind: 'bytes',
    bytes: [0x0f, 0x01, 0xd9],
    sources: [linux('arch/x86/kvm/svm/svm.c', 'svm_patch_hypercall: 0x0f, 0x01, 0xd9')],
  },
  target: 'host',
  syndrome: svmExit(0x81, 'SVM_EXIT_VMMCALL (0x081): VMMCALL executed in the guest'),
  sources: [linux('arch/x86/include/asm/kvm_para.h', 'KVM_HYPERCALL ALTERNATIVE("vmcall", "vmmcall", X86_FEATURE_VMMCALL)')],
};

export const x86Levels: readonly Level[] = [
  { id: 'guest', name: 'Guest', who: 'guest kernel (VMX non-root / SVM guest mode)', where: 'in VMX non-root mode (guest mode on AMD)' },
  { id: 'host', name: 'Host', who: 'hypervisor (VMX root / SVM host mode)', where: 'in VMX root mode (host mode on AMD)' },
];

const gpr64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const legacy: Record<string, string> = { rax: 'eax', rbx: 'ebx', rcx: 'ecx', rdx: 'edx', rsi: 'esi', rdi: 'edi', rbp: 'ebp', rsp: 'esp' };

export const x8664: Architecture = {
  id: 'x86-64',
  name: 'x86-64',
  registers: [
    ...gpr64.map((name) => ({ name, bits: 64 })),
    { name: 'rflags', bits: 64 },
    ...Array.from({ length: 16 }, (_, i) => ({ name: `xmm${i}`, bits: 128 })),
  ],
  views: [
    ...Object.entries(legacy).map(([of, name]) => ({ name, of, bits: 32 })),
    ...Array.from({ length: 8 }, (_, i) => ({ name: `r${i + 8}d`, of: `r${i + 8}`, bits: 32 })),
    { name: 'dx', of: 'rdx', bits: 16 },
  ],
  levels: x86Levels,
  returnInstruction: 'VM entry (VMRESUME, or VMRUN on AMD)',
  guestLevel: 'guest',
  instructions: { vmcall, vmmcall },
  sources: [linux('arch/x86/include/uapi/asm/ptrace.h', 'struct pt_regs (x86_64)')],
};

/** 32-bit x86: the same trap instructions, the 32-bit register file. */
export const x86: Architecture = {
  id: 'x86',
  name: 'x86 (32-bit)',
  registers: [...Object.values(legacy).map((name) => ({ name, bits: 32 })), { name: 'eflags', bits: 32 }],
  views: [{ name: 'dx', of: 'edx', bits: 16 }],
  levels: x86Levels,
  returnInstruction: 'VM entry (VMRESUME, or VMRUN on AMD)',
  guestLevel: 'guest',
  instructions: { vmcall, vmmcall },
  sources: [linux('arch/x86/include/uapi/asm/ptrace.h', 'struct pt_regs (i386)')],
};
