import type { Effect, ExceptionDef, VectorTable } from '../../model/exception';
import { linux, qemu } from '../docs';

/**
 * The exception entry and return of an HVC or SMC on Arm, as QEMU models the
 * architecture (arm_cpu_do_interrupt_aarch64, HELPER(exception_return)) and as
 * KVM lays out its vector table (__kvm_hyp_vector in hyp-entry.S).
 */

const QEMU_ENTRY = 'target/arm/helper.c';
export const QEMU_A64 = 'target/arm/tcg/translate-a64.c';
const QEMU_ERET = 'target/arm/tcg/helper-a64.c';
const HYP_ENTRY = 'arch/arm64/kvm/hyp/hyp-entry.S';

export function vectors(base: string, group: 2 | 3): VectorTable {
  return {
    base,
    // hyp-entry.S: each valid_vect/invalid_vect is ".align 7" (0x80 bytes), four per group.
    entryBytes: 0x80,
    entriesPerGroup: 4,
    group,
    groupName: group === 2 ? 'lower EL using AArch64' : 'lower EL using AArch32',
    entry: 0,
    entryName: 'synchronous',
    sources: [
      qemu(QEMU_ENTRY, `arm_cpu_do_interrupt_aarch64(): "if (cur_el < new_el) … addr += 0x400" (lower EL in AArch64) "else addr += 0x600" (AArch32); synchronous adds nothing`),
      linux(HYP_ENTRY, `__kvm_hyp_vector: entries of ".align 7" in the order EL2t, EL2h, "Synchronous 64-bit EL1" (entry 8), "Synchronous 32-bit EL1" (entry 12)`),
    ],
  };
}

export const spsr = (el: string): Effect => ({
  register: `SPSR_${el}`,
  value: 'PSTATE',
  why: 'the caller’s condition flags, interrupt masks and exception level, so ERET can restore them',
  sources: [qemu(QEMU_ENTRY, 'arm_cpu_do_interrupt_aarch64(): "old_mode = pstate_read(env)" … "env->banked_spsr[…] = old_mode"')],
});

export const eret = (el: string) => ({
  instruction: 'eret',
  restores: [
    {
      register: 'PC',
      value: `ELR_${el}`,
      why: 'the caller continues where the entry said it would',
      sources: [qemu(QEMU_ERET, 'HELPER(exception_return)(env, new_pc): "env->pc = new_pc", new_pc read from ELR_ELx')],
    },
    {
      register: 'PSTATE',
      value: `SPSR_${el}`,
      why: 'back to the caller’s exception level, flags and masks',
      sources: [qemu(QEMU_ERET, 'HELPER(exception_return)(): "spsr = env->banked_spsr[spsr_idx]" … "pstate_write(env, spsr)"')],
    },
  ],
  sources: [qemu(QEMU_ERET, 'HELPER(exception_return)')],
});

const HVC_RETURN = {
  bytesPast: 'length' as const,
  why: 'HVC is an exception-generating instruction: the preferred return address is the next instruction',
  sources: [
    qemu(QEMU_A64, 'trans_HVC(): "gen_exception_insn_el(s, 4, EXCP_HVC, syn_aa64_hvc(a->imm), target_el)" (PC + 4)'),
    linux('arch/arm64/kvm/handle_exit.c', 'handle_exit(): "HVC/SMC already have an adjusted PC"'),
  ],
};

function hvcTo(instruction: string, group: 2 | 3): ExceptionDef {
  return {
    instruction,
    level: 'EL2',
    pc: 'PC',
    returnAddress: { register: 'ELR_EL2', ...HVC_RETURN },
    saved: [spsr('EL2')],
    destination: { kind: 'vector', table: vectors('VBAR_EL2', group) },
    resume: eret('EL2'),
    notes:
      group === 3
        ? [
            {
              text: 'Drawn for an AArch32 guest under an AArch64 EL2. Where EL2 itself runs AArch32 (a 32-bit-only CPU, as the arm32 hyp-stub finds), the entry goes through HVBAR instead, as the hyp-stub conventions draw it.',
              sources: [qemu(QEMU_ENTRY, 'arm_cpu_do_interrupt_aarch64() vs arm_cpu_do_interrupt_aarch32()')],
            },
          ]
        : undefined,
  };
}

const kvmStepsPastSmc: NonNullable<ExceptionDef['advance']> = {
  register: 'ELR_EL2',
  why: 'the hypervisor that trapped the SMC must move the guest past it, or the guest would run it again; KVM does so, "as it would otherwise return to the same address"',
  sources: [linux('arch/arm64/kvm/handle_exit.c', 'handle_smc(): kvm_incr_pc(vcpu)')],
};

/**
 * An SMC trapped to EL2: a Trap exception, so the return address is the SMC
 * itself, and whoever trapped it moves the caller on (KVM for a guest; pKVM
 * for its host; the RMM for a realm).
 */
export function smcTrapped(instruction: string, group: 2 | 3, advance = kvmStepsPastSmc): ExceptionDef {
  return {
    instruction,
    level: 'EL2',
    pc: 'PC',
    returnAddress: {
      register: 'ELR_EL2',
      bytesPast: 'none',
      why: 'trapped by HCR_EL2.TSC the SMC is a Trap exception, not a Secure Monitor Call exception: it has not executed, so the return address is the SMC itself',
      sources: [
        linux('arch/arm64/kvm/handle_exit.c', 'handle_smc(): "If an SMC instruction executed at Non-secure EL1 is trapped to EL2 because HCR_EL2.TSC is 1, the exception is a Trap exception, not a Secure Monitor Call exception"'),
        qemu(QEMU_A64, 'trans_SMC(): "gen_a64_update_pc(s, 0)" before gen_helper_pre_smc, which raises the trap to EL2'),
      ],
    },
    saved: [spsr('EL2')],
    destination: { kind: 'vector', table: vectors('VBAR_EL2', group) },
    advance,
    resume: eret('EL2'),
  };
}

/** Where an SMC taken to EL3 comes back to, whoever made it. */
export const smcReturnAddress: ExceptionDef['returnAddress'] = {
  register: 'ELR_EL3',
  bytesPast: 'length',
  why: 'SMC is an exception-generating instruction: taken to EL3 the preferred return address is the next instruction',
  sources: [qemu(QEMU_A64, 'trans_SMC(): "gen_exception_insn_el(s, 4, EXCP_SMC, syn_aa64_smc(a->imm), 3)"')],
};

function smcTo(instruction: string, group: 2 | 3): ExceptionDef {
  return {
    instruction,
    level: 'EL3',
    pc: 'PC',
    returnAddress: smcReturnAddress,
    saved: [spsr('EL3')],
    syndromeRegister: 'ESR_EL3',
    syndromeWhy: 'the same syndrome as when EL2 traps the SMC: QEMU passes syn_aa64_smc (syn_aa32_smc from AArch32) with the exception to EL3',
    destination: { kind: 'vector', table: vectors('VBAR_EL3', group) },
    resume: eret('EL3'),
    alternative: { when: 'HCR_EL2.TSC = 1 (the hypervisor traps SMC)', def: smcTrapped(instruction, group) },
  };
}

const HYP_STUB = 'arch/arm/kernel/hyp-stub.S';
const QEMU_A32 = 'target/arm/tcg/translate.c';

/**
 * An HVC taken to AArch32 Hyp mode (EL2 itself in AArch32, as a 32-bit
 * kernel booted in HYP mode finds it): the Hyp vector table at HVBAR is eight
 * words, and an HVC from a mode other than Hyp uses the sixth, the Hyp Trap
 * entry, which Linux's stub table names __hyp_stub_trap.
 */
const hvcToHyp: ExceptionDef = {
  instruction: 'a32-hvc',
  targetState: 'AArch32',
  level: 'Hyp mode',
  pc: 'PC',
  returnAddress: {
    register: 'ELR_hyp',
    bytesPast: 'length',
    why: 'HVC is an exception-generating instruction: the preferred return address is the next instruction, and Hyp mode adds no offset to it',
    sources: [
      qemu(QEMU_ENTRY, 'arm_cpu_do_interrupt_aarch32_hyp(): "The offset applied to the preferred return address is always zero"; take_aarch32_exception(): "env->elr_el[2] = env->regs[15]"'),
    ],
  },
  saved: [
    {
      register: 'SPSR_hyp',
      value: 'CPSR',
      why: 'the caller’s mode (SVC), flags and masks, so ERET can restore them',
      sources: [qemu(QEMU_ENTRY, 'take_aarch32_exception(): "switch_mode(env, new_mode)" … "env->spsr = cpsr_read(env)" (the banked SPSR of the new mode, Hyp)')],
    },
  ],
  destination: {
    kind: 'vector',
    table: {
      base: 'HVBAR',
      // hyp-stub.S: eight "W(b)" entries (one word each) in the order reset, und, svc, pabort, dabort, trap, irq, fiq.
      entryBytes: 4,
      entriesPerGroup: 8,
      group: 0,
      groupName: 'mode other than Hyp',
      entry: 5,
      entryName: 'Hyp Trap',
      sources: [
        linux(HYP_STUB, '__hyp_stub_vectors: __hyp_stub_reset, _und, _svc, _pabort, _dabort, "__hyp_stub_trap: W(b) __hyp_stub_do_trap", _irq, _fiq (".align 5", one W(b) each)'),
        qemu(QEMU_ENTRY, 'arm_cpu_do_interrupt_aarch32_hyp(): "The vector table entry used is always the 0x14 Hyp mode entry point, unless this is an UNDEF/HVC/abort taken from Hyp to Hyp"; "addr += env->cp15.hvbar"'),
      ],
    },
  },
  resume: {
    instruction: 'eret',
    restores: [
      {
        register: 'PC',
        value: 'ELR_hyp',
        why: 'ERET in Hyp mode returns to ELR_hyp, not to LR',
        sources: [qemu(QEMU_A32, 'trans_ERET(): "ERET from Hyp uses ELR_Hyp, not LR" … gen_exception_return(s, tmp)')],
      },
      {
        register: 'CPSR',
        value: 'SPSR_hyp',
        why: 'back to the caller’s mode, flags and masks',
        sources: [qemu(QEMU_A32, 'gen_exception_return(): "gen_rfe(s, pc, load_cpu_field(spsr))"; gen_rfe(): gen_helper_cpsr_write_eret')],
      },
    ],
    sources: [linux(HYP_STUB, '__hyp_stub_do_trap: "__ERET"; __hyp_stub_exit: "mov r0, #0; __ERET"')],
  },
};

const armExceptions: readonly ExceptionDef[] = [hvcTo('a64-hvc', 2), hvcTo('a32-hvc', 3), hvcToHyp, smcTo('a64-smc', 2), smcTo('a32-smc', 3)];

/** The entry and return of an hvc or smc, whoever takes it; `targetState` as the convention's (AArch32 for a Hyp-mode stub). */
export function armException(instruction: string, targetState?: string): ExceptionDef | undefined {
  return armExceptions.find((d) => d.instruction === instruction && d.targetState === targetState);
}
