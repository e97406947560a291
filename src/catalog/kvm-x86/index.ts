import type { Architecture } from '../../model/arch';
import type { Call, ResultDef } from '../../model/call';
import type { Convention } from '../../model/convention';
import type { Note, Source } from '../../model/source';
import { toTwosComplement } from '../../model/value';
import { x86, x8664 } from '../arch/x86-64';
import { linux } from '../docs';
import type { Family } from '../family';
import { kvmVmcallExit, kvmVmmcallExit } from './exceptions';
import { kvmSvm, kvmVmx } from './handlers';

/**
 * KVM's own x86 hypercalls: number in rax, up to four arguments in rbx, rcx,
 * rdx and rsi, result in rax, through vmcall (Intel) or vmmcall (AMD).
 */

const FAMILY = 'kvm-x86';
const FAMILY_NAME = 'KVM hypercalls (x86)';

const DOC = 'Documentation/virt/kvm/x86/hypercalls.rst';
const UAPI = 'include/uapi/linux/kvm_para.h';
const ASM = 'arch/x86/include/asm/kvm_para.h';
const UASM = 'arch/x86/include/uapi/asm/kvm_para.h';
const X86C = 'arch/x86/kvm/x86.c';
const ERRNO = 'include/uapi/asm-generic/errno-base.h';

export const src = {
  regs: linux(
    DOC,
    'X86: "Up to four arguments may be passed in rbx, rcx, rdx, and rsi respectively. The hypercall number should be placed in rax and the return value will be placed in rax."',
  ),
  noClobber: linux(DOC, 'X86: "No other registers will be clobbered unless explicitly stated by the particular hypercall."'),
  replace: linux(
    DOC,
    'X86: "KVM Hypercalls have a three-byte sequence of either the vmcall or the vmmcall instruction. The hypervisor can replace it with instructions that are guaranteed to be supported."',
  ),
  wrappers: linux(ASM, 'kvm_hypercall4(): "=a"(ret) : "a"(nr), "b"(p1), "c"(p2), "d"(p3), "S"(p4) : "memory"'),
  alternative: linux(ASM, 'KVM_HYPERCALL ALTERNATIVE("vmcall", "vmmcall", X86_FEATURE_VMMCALL)'),
  tdx: linux(ASM, 'kvm_hypercallN(): if (cpu_feature_enabled(X86_FEATURE_TDX_GUEST)) return tdx_kvm_hypercall(nr, p1, p2, p3, p4)'),
  sev: linux(ASM, 'kvm_sev_hypercall3(): asm volatile("vmmcall" : "=a"(ret) : "a"(nr), "b"(p1), "c"(p2), "d"(p3))'),
  decode: linux(X86C, '____kvm_emulate_hypercall(): nr = kvm_rax_read, a0 = kvm_rbx_read, a1 = kvm_rcx_read, a2 = kvm_rdx_read, a3 = kvm_rsi_read'),
  mask: linux(X86C, '____kvm_emulate_hypercall(): if (!op_64_bit) { nr &= 0xFFFFFFFF; a0 &= 0xFFFFFFFF; … a3 &= 0xFFFFFFFF; }'),
  retU32: linux(X86C, 'complete_hypercall_exit(): if (!is_64_bit_hypercall(vcpu)) ret = (u32)ret; kvm_rax_write(vcpu, ret)'),
  cpl: linux(X86C, '____kvm_emulate_hypercall(): if (cpl) { ret = -KVM_EPERM; goto out; }'),
  enosys: linux(X86C, '____kvm_emulate_hypercall(): ret = -KVM_ENOSYS; … default: ret = -KVM_ENOSYS'),
  fix: linux(
    X86C,
    'emulator_fix_hypercall(): without KVM_X86_QUIRK_FIX_HYPERCALL_INSN inject #UD, else kvm_x86_call(patch_hypercall) and write the 3 bytes back at rip',
  ),
  vmxPatch: linux('arch/x86/kvm/vmx/vmx.c', 'vmx_patch_hypercall(): hypercall[0] = 0x0f; hypercall[1] = 0x01; hypercall[2] = 0xc1'),
  svmPatch: linux('arch/x86/kvm/svm/svm.c', 'svm_patch_hypercall(): "Patch in the VMMCALL instruction": 0x0f, 0x01, 0xd9'),
  opcodeMap: linux(
    'arch/x86/lib/x86-opcode-map.txt',
    'Table 2-byte opcode (0x0f): "01: Grp7 (1A)"; GrpTable Grp7: "0: SGDT Ms | VMCALL (001),(11B)"; "3: LIDT Ms" (no VMMCALL entry)',
  ),
  errors: linux(
    UAPI,
    '"Return values for hypercalls": KVM_ENOSYS 1000, KVM_EFAULT EFAULT, KVM_EINVAL EINVAL, KVM_E2BIG E2BIG, KVM_EPERM EPERM, KVM_EOPNOTSUPP 95',
  ),
  errno: linux(ERRNO, 'EPERM 1, E2BIG 7, EFAULT 14, EINVAL 22'),
  number: (macro: string, n: number): Source => linux(UAPI, `#define ${macro} ${n}`),
};

/** KVM's error codes, as the uapi header and errno-base.h give them. */
export const KVM_ERRORS = { KVM_ENOSYS: 1000n, KVM_EFAULT: 14n, KVM_EINVAL: 22n, KVM_E2BIG: 7n, KVM_EPERM: 1n, KVM_EOPNOTSUPP: 95n } as const;
type KvmError = keyof typeof KVM_ERRORS;

/** -KVM_Exxx as the guest finds it in rax (64-bit) or eax (32-bit). */
export function negated(name: KvmError, bits: 32 | 64): bigint {
  return toTwosComplement(-KVM_ERRORS[name], bits);
}

function errorText(names: readonly KvmError[], bits: 32 | 64): string {
  return names.map((n) => `-${n} = 0x${negated(n, bits).toString(16).toUpperCase()}`).join(', ');
}

/**
 * A result that is 0 on success; the meaning lists the errors the call can
 * return as the guest sees them, in 64-bit and 32-bit form.
 */
function status(meaning: string, errs: readonly KvmError[], sources: readonly Source[]): ResultDef {
  return {
    name: 'status',
    meaning: `${meaning} Errors come back negated: ${errorText(errs, 64)} in rax (${errorText(errs, 32)} in eax for a 32-bit guest).`,
    example: 0n,
    exampleMeaning: '0: success',
    sources: [...sources, src.errors, src.errno],
  };
}

function num(macro: string, n: number): Call['number'] {
  return { value: BigInt(n), stated: { value: BigInt(n), how: 'literal', source: src.number(macro, n) } };
}

const gateNote = (feature: string, bit: number): Note => ({
  kind: 'info',
  text:
    `KVM answers -KVM_ENOSYS when guest_pv_has(vcpu, ${feature}) is false: that is, when the VMM has enabled KVM_CAP_ENFORCE_PV_FEATURE_CPUID ` +
    `and did not set ${feature} (bit ${bit} of CPUID 0x40000001 EAX) for the guest. Without enforcement the call is always allowed.`,
  sources: [
    linux(X86C, `____kvm_emulate_hypercall(): if (!guest_pv_has(vcpu, ${feature})) break; (ret is still -KVM_ENOSYS)`),
    linux('arch/x86/kvm/cpuid.h', 'guest_pv_has(): if (!vcpu->arch.pv_cpuid.enforce) return true; return vcpu->arch.pv_cpuid.features & (1u << kvm_feature)'),
    linux(UASM, `#define ${feature} ${bit}`),
  ],
});

const vapicPollIrq: Call = {
  id: 'kvm-hc-vapic-poll-irq',
  name: 'KVM_HC_VAPIC_POLL_IRQ',
  family: FAMILY,
  summary: 'Trigger a guest exit so that the host can check for pending interrupts on reentry.',
  number: num('KVM_HC_VAPIC_POLL_IRQ', 1),
  args: [],
  results: [
    {
      name: 'status',
      meaning: 'always 0',
      example: 0n,
      exampleMeaning: '0: KVM sets ret = 0 and does nothing else',
      sources: [linux(X86C, '____kvm_emulate_hypercall(): case KVM_HC_VAPIC_POLL_IRQ: ret = 0;')],
    },
  ],
  handles: 'it returns 0 at once; the exit itself gives the host the chance to look for pending interrupts before it re-enters the guest.',
  returnsOnSuccess: true,
  sources: [
    src.number('KVM_HC_VAPIC_POLL_IRQ', 1),
    linux(DOC, '1. KVM_HC_VAPIC_POLL_IRQ: "Trigger guest exit so that the host can check for pending interrupts on reentry."'),
  ],
  notes: [],
};

const kickCpu: Call = {
  id: 'kvm-hc-kick-cpu',
  name: 'KVM_HC_KICK_CPU',
  family: FAMILY,
  summary: 'Wake a vCPU that halted while waiting, for example for a paravirtual spinlock.',
  number: num('KVM_HC_KICK_CPU', 5),
  args: [
    {
      name: 'flags',
      meaning: 'a0, "used in the hypercall for future use"; KVM does not read it',
      example: 0n,
      sources: [
        linux(DOC, '5. KVM_HC_KICK_CPU: "An additional argument (a0) is used in the hypercall for future use."'),
        linux(X86C, 'case KVM_HC_KICK_CPU: kvm_pv_kick_cpu_op(vcpu->kvm, a1)'),
      ],
    },
    {
      name: 'apicid',
      meaning: 'a1, the APIC ID of the vCPU to wake',
      example: 1n,
      sources: [linux(DOC, '5. KVM_HC_KICK_CPU: "specifying APIC ID (a1) of the vcpu to be woken up"')],
    },
  ],
  results: [status('0 once the kick is sent.', ['KVM_ENOSYS'], [linux(X86C, 'case KVM_HC_KICK_CPU: … ret = 0;')])],
  handles: 'it sends the target vCPU an APIC_DM_REMRD interrupt to wake it from HLT and then tries to yield to it.',
  returnsOnSuccess: true,
  sources: [
    src.number('KVM_HC_KICK_CPU', 5),
    linux(DOC, '5. KVM_HC_KICK_CPU'),
    linux(X86C, 'kvm_pv_kick_cpu_op(): .delivery_mode = APIC_DM_REMRD, .dest_id = apicid; then kvm_sched_yield(vcpu, a1)'),
  ],
  notes: [gateNote('KVM_FEATURE_PV_UNHALT', 7)],
};

const clockPairing: Call = {
  id: 'kvm-hc-clock-pairing',
  name: 'KVM_HC_CLOCK_PAIRING',
  family: FAMILY,
  summary: 'Get a host CLOCK_REALTIME reading paired with the guest TSC value of the same instant.',
  number: num('KVM_HC_CLOCK_PAIRING', 9),
  args: [
    {
      name: 'paddr',
      meaning: 'a0, guest physical address where the host writes struct kvm_clock_pairing (sec, nsec, tsc, flags)',
      example: 0x7f000n,
      sources: [
        linux(DOC, '6. KVM_HC_CLOCK_PAIRING: "a0: guest physical address where host copies" the struct kvm_clock_offset "structure."'),
        linux(UASM, 'struct kvm_clock_pairing { __s64 sec; __s64 nsec; __u64 tsc; __u32 flags; __u32 pad[9]; }'),
      ],
    },
    {
      name: 'clock_type',
      meaning: 'a1, only KVM_CLOCK_PAIRING_WALLCLOCK (0), the host CLOCK_REALTIME, is supported',
      example: 0n,
      sources: [
        linux(DOC, '6. KVM_HC_CLOCK_PAIRING: "a1: clock_type, ATM only KVM_CLOCK_PAIRING_WALLCLOCK (0) is supported"'),
        linux(UASM, '#define KVM_CLOCK_PAIRING_WALLCLOCK 0'),
      ],
    },
  ],
  results: [
    status(
      '0 when the structure was written. -KVM_EOPNOTSUPP when clock_type is not WALLCLOCK or the host clock cannot be paired with the TSC; -KVM_EFAULT when the write to paddr fails.',
      ['KVM_EOPNOTSUPP', 'KVM_EFAULT'],
      [linux(X86C, 'kvm_pv_clock_pairing(): return -KVM_EOPNOTSUPP …; if (kvm_write_guest(…)) ret = -KVM_EFAULT')],
    ),
  ],
  handles: 'it reads the host wall clock together with the TSC, converts the TSC to the guest’s view and writes sec, nsec and tsc to paddr.',
  returnsOnSuccess: true,
  sources: [src.number('KVM_HC_CLOCK_PAIRING', 9), linux(DOC, '6. KVM_HC_CLOCK_PAIRING'), linux(X86C, 'kvm_pv_clock_pairing()')],
  notes: [
    {
      kind: 'info',
      text: 'KVM only handles this call when the host kernel is 64-bit (the case is inside #ifdef CONFIG_X86_64); a 32-bit host answers -KVM_ENOSYS.',
      sources: [linux(X86C, '____kvm_emulate_hypercall(): #ifdef CONFIG_X86_64 case KVM_HC_CLOCK_PAIRING: … #endif')],
    },
    {
      kind: 'disagreement',
      text: 'hypercalls.rst calls the structure "struct kvm_clock_offset" in its text but prints struct kvm_clock_pairing; the uapi header defines only struct kvm_clock_pairing. hypercalls.rst also numbers both this call and KVM_HC_SEND_IPI as section 6.',
      sources: [linux(DOC, '6. KVM_HC_CLOCK_PAIRING / 6. KVM_HC_SEND_IPI'), linux(UASM, 'struct kvm_clock_pairing')],
    },
  ],
};

const sendIpi: Call = {
  id: 'kvm-hc-send-ipi',
  name: 'KVM_HC_SEND_IPI',
  family: FAMILY,
  summary: 'Send one IPI to many vCPUs at once, named by a bitmap of APIC IDs.',
  number: num('KVM_HC_SEND_IPI', 10),
  args: [
    {
      name: 'ipi_bitmap_low',
      meaning: 'a0, lower part of the bitmap of destination APIC IDs; bit 0 is the APIC ID in a2',
      example: 0xen,
      sources: [linux(DOC, 'KVM_HC_SEND_IPI: "a0: lower part of the bitmap of destination APIC IDs"')],
    },
    {
      name: 'ipi_bitmap_high',
      meaning: 'a1, higher part of the bitmap of destination APIC IDs',
      example: 0n,
      sources: [linux(DOC, 'KVM_HC_SEND_IPI: "a1: higher part of the bitmap of destination APIC IDs"')],
    },
    {
      name: 'min',
      meaning: 'a2, the lowest APIC ID in the bitmap',
      example: 0n,
      sources: [linux(DOC, 'KVM_HC_SEND_IPI: "a2: the lowest APIC ID in bitmap"; "Bit 0 of a0 corresponds to the APIC ID in the third argument (a2)"')],
    },
    {
      name: 'icr',
      meaning: 'a3, the APIC ICR value to send (vector and delivery mode)',
      example: 0xfbn,
      sources: [linux(DOC, 'KVM_HC_SEND_IPI: "a3: APIC ICR"')],
    },
  ],
  results: [
    {
      name: 'count',
      meaning: `the number of CPUs the IPI was delivered to. Without KVM_FEATURE_PV_SEND_IPI the call returns -KVM_ENOSYS = 0x${negated('KVM_ENOSYS', 64).toString(16).toUpperCase()} in rax (0x${negated('KVM_ENOSYS', 32).toString(16).toUpperCase()} in eax).`,
      example: 3n,
      exampleMeaning: 'the IPI reached 3 vCPUs (APIC IDs 1, 2 and 3 for a0 = 0xE, a2 = 0)',
      sources: [linux(DOC, 'KVM_HC_SEND_IPI: "Returns the number of CPUs to which the IPIs were delivered successfully."'), src.errors],
    },
  ],
  handles: 'it delivers the ICR’s interrupt to every vCPU whose APIC ID is a2 plus a set bit’s position in the a0:a1 bitmap.',
  returnsOnSuccess: true,
  sources: [
    src.number('KVM_HC_SEND_IPI', 10),
    linux(DOC, 'KVM_HC_SEND_IPI'),
    linux(X86C, 'case KVM_HC_SEND_IPI: ret = kvm_pv_send_ipi(vcpu->kvm, a0, a1, a2, a3, op_64_bit)'),
  ],
  notes: [
    gateNote('KVM_FEATURE_PV_SEND_IPI', 11),
    {
      kind: 'info',
      text: 'The bitmap covers at most 128 destinations per call in 64-bit mode and 64 in 32-bit mode, where a0 and a1 are 32 bits wide.',
      sources: [
        linux(
          DOC,
          'KVM_HC_SEND_IPI: "with at most 128 128 destinations per hypercall in 64-bit mode and 64 vCPUs per hypercall in 32-bit mode" (sic: the file doubles the 128)',
        ),
      ],
    },
  ],
};

const schedYield: Call = {
  id: 'kvm-hc-sched-yield',
  name: 'KVM_HC_SCHED_YIELD',
  family: FAMILY,
  summary: 'Yield this vCPU’s time to a preempted vCPU that an IPI is waiting for.',
  number: num('KVM_HC_SCHED_YIELD', 11),
  args: [{ name: 'dest_id', meaning: 'a0, destination APIC ID', example: 2n, sources: [linux(DOC, '7. KVM_HC_SCHED_YIELD: "a0: destination APIC ID"')] }],
  results: [
    status('0 whether or not KVM found a vCPU to yield to.', ['KVM_ENOSYS'], [linux(X86C, 'case KVM_HC_SCHED_YIELD: kvm_sched_yield(vcpu, a0); ret = 0;')]),
  ],
  handles: 'it looks up the vCPU with that APIC ID and, if it is runnable and not the caller, yields the physical CPU to it.',
  returnsOnSuccess: true,
  sources: [src.number('KVM_HC_SCHED_YIELD', 11), linux(DOC, '7. KVM_HC_SCHED_YIELD'), linux(X86C, 'kvm_sched_yield(): kvm_vcpu_yield_to(target)')],
  notes: [gateNote('KVM_FEATURE_PV_SCHED_YIELD', 13)],
};

const mapGpaRange: Call = {
  id: 'kvm-hc-map-gpa-range',
  name: 'KVM_HC_MAP_GPA_RANGE',
  family: FAMILY,
  summary: 'Ask the host to map a guest-physical range as encrypted or shared (SEV guests), handled by the VMM in user space.',
  number: num('KVM_HC_MAP_GPA_RANGE', 12),
  args: [
    {
      name: 'gpa',
      meaning: 'a0, guest physical address of the first page (page aligned)',
      example: 0x100000n,
      sources: [
        linux(DOC, '8. KVM_HC_MAP_GPA_RANGE: "a0: the guest physical address of the start page"'),
        linux(X86C, 'if (!PAGE_ALIGNED(gpa) || !npages …) ret = -KVM_EINVAL'),
      ],
    },
    {
      name: 'npages',
      meaning: 'a1, number of 4 KiB pages, contiguous in GPA space; must not be 0',
      example: 0x10n,
      sources: [linux(DOC, '8. KVM_HC_MAP_GPA_RANGE: "a1: the number of (4kb) pages (must be contiguous in GPA space)"')],
    },
    {
      name: 'attrs',
      meaning: 'a2, bits 3:0 preferred page size (0 = 4K, 1 = 2M, 2 = 1G), bit 4 encrypted (1) or plaintext (0), bits 63:5 must be zero',
      example: 0x10n,
      sources: [
        linux(
          DOC,
          '8. KVM_HC_MAP_GPA_RANGE: "bits 3:0 - preferred page size encoding 0 = 4kb, 1 = 2mb, 2 = 1gb", "bit 4 - plaintext = 0, encrypted = 1", "bits 63:5 - reserved (must be zero)"',
        ),
        linux(UASM, 'KVM_MAP_GPA_RANGE_ENC_STAT(n) (n << 4), KVM_MAP_GPA_RANGE_ENCRYPTED'),
      ],
    },
  ],
  results: [
    status(
      'what the VMM puts in kvm_run.hypercall.ret (KVM pre-sets it to 0). -KVM_ENOSYS when the VMM has not enabled exits for this call; -KVM_EINVAL when gpa is not page aligned, npages is 0 or the range wraps.',
      ['KVM_ENOSYS', 'KVM_EINVAL'],
      [
        linux(X86C, 'case KVM_HC_MAP_GPA_RANGE: user_exit_on_hypercall(); vcpu->run->exit_reason = KVM_EXIT_HYPERCALL; vcpu->run->hypercall.ret = 0'),
        src.retU32,
      ],
    ),
  ],
  handles:
    'it checks the range and exits to the VMM with KVM_EXIT_HYPERCALL; the VMM changes the mapping and KVM writes its answer to rax when the vCPU resumes.',
  returnsOnSuccess: true,
  sources: [src.number('KVM_HC_MAP_GPA_RANGE', 12), linux(DOC, '8. KVM_HC_MAP_GPA_RANGE'), linux(X86C, 'case KVM_HC_MAP_GPA_RANGE')],
  notes: [
    {
      kind: 'info',
      text: 'hypercalls.rst: the call "is implemented in userspace via the KVM_CAP_EXIT_HYPERCALL capability"; userspace must enable it before advertising KVM_FEATURE_HC_MAP_GPA_RANGE (bit 16). Linux SEV guests make it with kvm_sev_hypercall3(), which always uses vmmcall.',
      sources: [linux(DOC, '8. KVM_HC_MAP_GPA_RANGE: Implementation note'), linux(UASM, '#define KVM_FEATURE_HC_MAP_GPA_RANGE 16'), src.sev],
    },
  ],
};

export const kvmX86Calls: readonly Call[] = [vapicPollIrq, kickCpu, clockPairing, sendIpi, schedYield, mapGpaRange];

const registerNote: Note = {
  kind: 'unconfirmed',
  text: 'hypercalls.rst promises that no register other than rax is clobbered, and Linux’s wrappers list only rax and "memory". It does not say whether that covers RFLAGS or the XMM registers, so those are shown with no promise either way.',
  sources: [src.noClobber, src.wrappers],
};

const patchNote: Note = {
  kind: 'info',
  text: 'Linux picks vmcall or vmmcall at boot with ALTERNATIVE(…, X86_FEATURE_VMMCALL). If KVM’s emulator meets the other vendor’s instruction it rewrites the three bytes with the native one (vmx_patch_hypercall 0F 01 C1, svm_patch_hypercall 0F 01 D9) while the KVM_X86_QUIRK_FIX_HYPERCALL_INSN quirk is on, and injects #UD when it is off.',
  sources: [src.alternative, src.replace, src.fix, src.vmxPatch, src.svmPatch],
};

const tdxNote: Note = {
  kind: 'info',
  text: 'TDX guests do not execute vmcall or vmmcall here: kvm_hypercall0…4 call tdx_kvm_hypercall(nr, p1…p4) instead.',
  sources: [src.tdx],
};

const cplNote: Note = {
  kind: 'info',
  text: `A call from guest user mode (CPL != 0) is refused with -KVM_EPERM = 0x${negated('KVM_EPERM', 64).toString(16).toUpperCase()} before the number is looked at.`,
  sources: [src.cpl, src.errors, src.errno],
};

const vmmcallMapNote: Note = {
  kind: 'unconfirmed',
  text: 'Linux’s x86-opcode-map.txt lists VMCALL as Grp7 (0F 01) with reg 000, r/m 001, mod 11, which gives 0F 01 C1, but it has no VMMCALL entry. The bytes 0F 01 D9 are taken from KVM’s svm_patch_hypercall and Xen’s SVM hypercall stub; the AMD manual was not read.',
  sources: [src.opcodeMap, src.svmPatch],
};

function convention(arch: Architecture, insn: 'vmcall' | 'vmmcall'): Convention {
  const wide = arch.id === 'x86-64';
  const bits = wide ? 64 : 32;
  const r = (n: string) => (wide ? `r${n}` : `e${n}`);
  const args = [r('bx'), r('cx'), r('dx'), r('si')];
  const preserved = wide
    ? ['rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']
    : ['ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp'];
  const vendor = insn === 'vmcall' ? 'Intel VMX' : 'AMD SVM';
  const id = `kvm-x86-${wide ? '' : '32-'}${insn}`;
  const other = `kvm-x86-${wide ? '' : '32-'}${insn === 'vmcall' ? 'vmmcall' : 'vmcall'}`;
  const twin = `kvm-x86-${wide ? '32-' : ''}${insn}`;
  const notes: Note[] = [registerNote, patchNote, cplNote, tdxNote];
  if (insn === 'vmmcall') notes.push(vmmcallMapNote);
  if (!wide) {
    notes.push({
      kind: 'info',
      text: 'When the vCPU is not making a 64-bit hypercall (is_64_bit_hypercall() is false), KVM masks the number and a0–a3 to 32 bits and writes the result back as (u32)ret, so -KVM_ENOSYS arrives as 0xFFFFFC18 in eax. We read the callers of is_64_bit_hypercall(), not its body.',
      sources: [src.mask, src.retU32],
    });
  }
  return {
    id,
    name: `KVM hypercall · ${insn} (${wide ? 'x86-64' : '32-bit x86'})`,
    family: FAMILY,
    familyName: FAMILY_NAME,
    era: wide ? '64-bit' : '32-bit',
    summary:
      `KVM’s own paravirtual hypercalls from a ${wide ? '64-bit' : '32-bit'} guest on ${vendor}: the hypercall number in ${r('ax')}, ` +
      `up to four arguments in ${args.join(', ')}, the result in ${r('ax')}, through ${insn}. Nothing but ${r('ax')} is changed.`,
    arch,
    instruction: arch.instructions[insn]!,
    imm: 0,
    selector: r('ax'),
    selectorName: 'hypercall number',
    slotBits: bits,
    args,
    results: [r('ax')],
    clobbered: [],
    preserved,
    roleSources: {
      args: [src.regs, src.wrappers, src.decode],
      results: [src.regs, src.wrappers, ...(wide ? [] : [src.retU32])],
      clobbered: [],
      preserved: [src.noClobber, src.wrappers],
    },
    unknownCall: { value: negated('KVM_ENOSYS', bits), name: `-KVM_ENOSYS (-1000)`, sources: [src.enosys, src.errors] },
    handler: 'the hypervisor',
    exception: insn === 'vmcall' ? kvmVmcallExit : kvmVmmcallExit,
    handlerPath: insn === 'vmcall' ? kvmVmx : kvmSvm,
    eraLinks: [
      { id: other, relation: 'related', why: `the same call through ${insn === 'vmcall' ? 'vmmcall on AMD' : 'vmcall on Intel'}` },
      { id: twin, relation: 'related', why: wide ? 'the same registers truncated to 32 bits for a 32-bit guest' : 'the 64-bit form' },
    ],
    sources: [src.regs, src.wrappers, wide ? src.decode : src.mask, insn === 'vmcall' ? src.vmxPatch : src.svmPatch],
    notes,
  };
}

export const kvmX86Conventions: readonly Convention[] = [
  convention(x8664, 'vmcall'),
  convention(x8664, 'vmmcall'),
  convention(x86, 'vmcall'),
  convention(x86, 'vmmcall'),
];

export const kvmX86: Family = { conventions: kvmX86Conventions, calls: kvmX86Calls };
