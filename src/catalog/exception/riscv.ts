import type { ExceptionDef } from '../../model/exception';
import { AT, isaManual, opensbi } from '../riscv/sources';

/** An ecall from S-mode taken into M-mode, and OpenSBI's way back with mret. */
export const ecallTrap: ExceptionDef = {
  instruction: 'rv-ecall',
  level: 'M',
  pc: 'pc',
  returnAddress: {
    register: 'mepc',
    bytesPast: 'none',
    why: 'mepc holds the address of the instruction that took the trap: the ecall itself',
    sources: [
      isaManual(
        'src/machine.adoc',
        AT.machine,
        'mepc: "When a trap is taken into M-mode, mepc is written with the virtual address of the instruction that was interrupted or that encountered the exception"',
      ),
    ],
  },
  saved: [
    {
      register: 'mstatus.MPP',
      value: 'S (the privilege the trap came from)',
      why: 'so mret knows which mode to return to',
      sources: [isaManual('src/machine.adoc', AT.machine, 'mstatus: "When a trap is taken from privilege mode y into privilege mode x, xPIE is set to the value of xIE; xIE is set to 0; and xPP is set to y"')],
    },
  ],
  syndromeWhy: 'mcause: Interrupt 0, Exception Code 9, environment call from S-mode',
  destination: {
    kind: 'register',
    register: 'mtvec.BASE',
    why: 'in Direct mode every trap into M-mode goes to the one handler mtvec names',
    sources: [isaManual('src/machine.adoc', AT.machine, 'mtvec: "When MODE=Direct, all traps into machine mode cause the pc to be set to the address in the BASE field"')],
  },
  advance: {
    register: 'mepc',
    why: 'OpenSBI moves mepc past the 4-byte ecall before returning',
    sources: [opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_handler(): "regs->mepc += 4"')],
  },
  resume: {
    instruction: 'mret',
    restores: [
      {
        register: 'pc',
        value: 'mepc',
        why: 'the caller runs on after its ecall',
        sources: [isaManual('src/machine.adoc', AT.machine, 'MRET returns from a trap in M-mode to the address held in mepc')],
      },
      {
        register: 'privilege',
        value: 'mstatus.MPP (S)',
        why: 'back to S-mode',
        sources: [isaManual('src/machine.adoc', AT.machine, '"When executing an xRET instruction, supposing xPP holds the value y, xIE is set to xPIE; the privilege mode is changed to y"')],
      },
    ],
    sources: [isaManual('src/machine.adoc', AT.machine, 'MRET')],
  },
};
