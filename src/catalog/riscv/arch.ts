import type { Architecture, InstructionDef, RegisterDef, SyndromeDef } from '../../model/arch';
import type { BitLayout } from '../../model/bits';
import type { Source } from '../../model/source';
import { AT, isaManual, linuxAt, opensbi, psabi, riscvOpcodes } from './sources';

const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

/**
 * ABI names of x0..x31 in order, as the psABI's integer register table gives
 * them: x0 zero, x1 ra, x2 sp, x3 gp, x4 tp, x5-x7 t0-t2, x8-x9 s0-s1,
 * x10-x17 a0-a7, x18-x27 s2-s11, x28-x31 t3-t6.
 */
export const ABI_NAMES: readonly string[] = [
  'zero',
  'ra',
  'sp',
  'gp',
  'tp',
  ...range('t', 0, 2),
  ...range('s', 0, 1),
  ...range('a', 0, 7),
  ...range('s', 2, 11),
  ...range('t', 3, 6),
];

const regSources: Source[] = [
  psabi(
    'riscv-cc-register-convention.adoc',
    AT.psabiRegs,
    'Integer register convention table: x0 zero … x28-x31 t3-t6; frame pointer "must reside in x8 (s0)"',
  ),
  linuxAt(
    'arch/riscv/include/uapi/asm/ptrace.h',
    AT.linuxPtrace,
    'struct user_regs_struct: unsigned long ra, sp, gp, tp, t0…t6, s0…s11, a0…a7 (64 bits each on RV64)',
  ),
];

const registers: RegisterDef[] = ABI_NAMES.map((name, i) => ({ name, bits: 64, alias: `x${i}` }));

const causeFieldSources = {
  machine: isaManual(
    'src/machine.adoc',
    AT.machine,
    'Table "Machine cause register (mcause) values after trap": Interrupt 0, Exception Code 8/9/11 Environment call from U-/S-/M-mode',
  ),
  bytefield: isaManual('src/images/bytefield/mcausereg.adoc', AT.mcauseReg, 'mcause: Interrupt at bit MXLEN-1, Exception Code (WLRL) in bits MXLEN-2..0'),
  irqFlag: linuxAt('arch/riscv/include/asm/csr.h', AT.linuxCsrH, 'CAUSE_IRQ_FLAG (_AC(1, UL) << (__riscv_xlen - 1))'),
  linuxExc: linuxAt('arch/riscv/include/asm/csr.h', AT.linuxCsrH, 'EXC_SYSCALL 8, EXC_HYPERVISOR_SYSCALL 9, EXC_SUPERVISOR_SYSCALL 10'),
  osbiCause: opensbi(
    'include/sbi/riscv_encoding.h',
    AT.osbiEncoding,
    'CAUSE_USER_ECALL 0x8, CAUSE_SUPERVISOR_ECALL 0x9, CAUSE_VIRTUAL_SUPERVISOR_ECALL 0xa, CAUSE_MACHINE_ECALL 0xb',
  ),
  causesCsv: riscvOpcodes('causes.csv', AT.opcodesCauses, '0x08 user_ecall, 0x09 supervisor_ecall, 0x0A virtual_supervisor_ecall, 0x0B machine_ecall'),
};

/** mcause or scause on RV64: the Interrupt bit at XLEN-1 = 63 and the Exception Code below it. */
function causeLayout(csr: 'mcause' | 'scause'): BitLayout {
  const codeNames: Record<string, string> =
    csr === 'mcause'
      ? {
          '8': 'Environment call from U-mode',
          '9': 'Environment call from S-mode',
          '10': 'Environment call from VS-mode (H extension; reserved without it)',
          '11': 'Environment call from M-mode',
        }
      : {
          '8': 'Environment call from U-mode',
          '9': 'Environment call from HS-mode (Linux EXC_HYPERVISOR_SYSCALL)',
          '10': 'Environment call from VS-mode (Linux EXC_SUPERVISOR_SYSCALL)',
        };
  const codeSources =
    csr === 'mcause'
      ? [causeFieldSources.machine, causeFieldSources.osbiCause]
      : [causeFieldSources.linuxExc, causeFieldSources.osbiCause, causeFieldSources.causesCsv];
  return {
    id: `riscv64-${csr}`,
    name: csr,
    bits: 64,
    fields: [
      {
        key: 'interrupt',
        name: 'Interrupt',
        hi: 63,
        lo: 63,
        names: { '0': 'exception (synchronous trap)', '1': 'interrupt' },
        sources: [causeFieldSources.bytefield, causeFieldSources.irqFlag],
      },
      { key: 'code', name: 'Exception Code', hi: 62, lo: 0, names: codeNames, sources: [causeFieldSources.bytefield, ...codeSources] },
    ],
    sources: [causeFieldSources.bytefield, causeFieldSources.irqFlag],
  };
}

export const mcauseLayout = causeLayout('mcause');
export const scauseLayout = causeLayout('scause');

/** Exception codes of the environment calls, as the cause tables number them. */
export const ECALL_FROM_S = 9n;
export const ECALL_FROM_VS = 10n;

/**
 * ecall has no operands: opcode bits 6..2 = 0x1C (SYSTEM), bits 1..0 = 3, and
 * every other bit zero, so the word is (0x1C << 2) | 3.
 */
const SYSTEM_OPCODE_6_2 = 0x1c;
export const ECALL_WORD = ((SYSTEM_OPCODE_6_2 << 2) | 0b11) >>> 0;

const fromS: SyndromeDef = {
  register: 'mcause',
  layout: mcauseLayout,
  fixed: { interrupt: 0n, code: ECALL_FROM_S },
  className: 'Interrupt 0, Exception Code 9: Environment call from S-mode',
  sources: [
    causeFieldSources.machine,
    causeFieldSources.osbiCause,
    opensbi('lib/sbi/sbi_trap.c', AT.osbiTrap, 'sbi_trap_handler: case CAUSE_SUPERVISOR_ECALL: rc = sbi_ecall_handler(tcntx)'),
  ],
};

const fromVS: SyndromeDef = {
  register: 'scause',
  layout: scauseLayout,
  fixed: { interrupt: 0n, code: ECALL_FROM_VS },
  className:
    'In a virtual machine (H extension) the same ecall from a guest kernel in VS-mode goes to the HS-mode hypervisor instead: scause Exception Code 10, Environment call from VS-mode; KVM handles it in kvm_riscv_vcpu_sbi_ecall',
  sources: [
    causeFieldSources.linuxExc,
    causeFieldSources.osbiCause,
    causeFieldSources.causesCsv,
    linuxAt(
      'arch/riscv/kvm/vcpu_exit.c',
      AT.linuxVcpuExit,
      'kvm_riscv_vcpu_exit: case EXC_SUPERVISOR_SYSCALL: if (hstatus & HSTATUS_SPV) ret = kvm_riscv_vcpu_sbi_ecall(vcpu, run)',
    ),
    opensbi(
      'lib/sbi/sbi_trap.c',
      AT.osbiTrapDeleg,
      'delegate_traps(): "If hypervisor extension available then we only handle hypervisor calls (i.e. ecalls from HS-mode) in M-mode."; sets medeleg bit CAUSE_VIRTUAL_SUPERVISOR_ECALL',
    ),
  ],
};

const ecall: InstructionDef = {
  id: 'rv-ecall',
  mnemonic: 'ecall',
  immBits: 0,
  encoding: {
    kind: 'word',
    base: ECALL_WORD,
    pieces: [],
    sources: [riscvOpcodes('extensions/rv_i', AT.opcodesRvI, 'ecall 31..20=0x000 19..7=0 6..2=0x1C 1..0=3')],
  },
  target: 'M',
  syndrome: fromS,
  alsoSyndromes: [fromVS],
  sources: [
    riscvOpcodes('extensions/rv_i', AT.opcodesRvI, 'ecall'),
    isaManual(
      'src/machine.adoc',
      AT.machine,
      'mcause: "When a trap is taken into M-mode, mcause is written with a code indicating the event that caused the trap"',
    ),
  ],
};

export const riscv64: Architecture = {
  id: 'riscv64',
  name: 'RV64 (RISC-V, 64-bit)',
  registers,
  // fp is the psABI's other name for s0 (x8); a 64-bit view makes it resolve to the same cell.
  views: [{ name: 'fp', of: 's0', bits: 64 }],
  levels: [
    { id: 'S', name: 'S-mode', who: 'supervisor: the kernel (a guest kernel runs the same code in VS-mode)', where: 'in S-mode' },
    { id: 'M', name: 'M-mode', who: 'SBI implementation: machine-mode firmware such as OpenSBI', where: 'in M-mode' },
  ],
  returnInstruction: 'mret',
  guestLevel: 'S',
  instructions: { ecall },
  sources: regSources,
};
