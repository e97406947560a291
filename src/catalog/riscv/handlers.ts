import type { HandlerPath } from '../../model/exception';
import { AT, opensbi } from './sources';

/** OpenSBI: the M-mode trap handler, the ecall dispatcher, and the extension found by a7. */
export const openSbi: HandlerPath = {
  who: 'OpenSBI, the reference SBI implementation',
  steps: [
    {
      fn: 'sbi_trap_handler',
      what: 'switches on mcause: CAUSE_SUPERVISOR_ECALL goes to the ecall handler',
      sources: [opensbi('lib/sbi/sbi_trap.c', AT.osbiTrap, 'sbi_trap_handler(): case CAUSE_SUPERVISOR_ECALL: case CAUSE_MACHINE_ECALL: rc = sbi_ecall_handler(tcntx)')],
    },
    {
      fn: 'sbi_ecall_handler',
      what: 'reads the extension ID from a7 and the function ID from a6, finds the extension, calls it, and writes a0 (error) and a1 (value); then mepc += 4',
      sources: [
        opensbi(
          'lib/sbi/sbi_ecall.c',
          AT.osbiEcall,
          'sbi_ecall_handler(): extension_id = regs->a7; func_id = regs->a6; ext = sbi_ecall_find_extension(extension_id); ret = ext->handle(…); regs->mepc += 4',
        ),
      ],
    },
    {
      fn: 'ext->handle',
      what: 'the extension’s own handler (registered with sbi_ecall_register_extension: base, time, IPI, RFENCE, HSM, SRST …)',
      sources: [opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_find_extension(): extid_start <= extid <= extid_end; sbi_ecall_init() registers the extensions')],
    },
  ],
};

/** The OpenSBI commit sbi_ecall_legacy.c was read at (the one stored copy; older than the other OpenSBI files cited). */
const OSBI_LEGACY_AT = '766850222af4c39a52acf1fb12a97f2a42747d32';

/** OpenSBI, SBI v0.1: the same dispatcher finds the legacy extension, whose handler switches on the EID; only a0 comes back. */
export const openSbiLegacy: HandlerPath = {
  who: 'OpenSBI, the reference SBI implementation (legacy extension)',
  steps: [
    openSbi.steps[0]!,
    {
      fn: 'sbi_ecall_handler',
      what: 'reads the EID from a7 and finds the extension registered for it: ecall_legacy covers SBI_EXT_0_1_SET_TIMER to SBI_EXT_0_1_SHUTDOWN; for those, is_0_1_spec is set, so only a0 is written back (a1 is left alone); then mepc += 4',
      sources: [
        opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_handler(): "if (extension_id >= SBI_EXT_0_1_SET_TIMER && extension_id <= SBI_EXT_0_1_SHUTDOWN) is_0_1_spec = 1"; "regs->mepc += 4; regs->a0 = ret; if (!is_0_1_spec) regs->a1 = out_val"'),
        opensbi('lib/sbi/sbi_ecall.c', AT.osbiEcall, 'sbi_ecall_init(): sbi_ecall_register_extension(&ecall_legacy)'),
      ],
    },
    {
      fn: 'sbi_ecall_legacy_handler',
      what: 'switches on the EID itself (there is no function ID): SET_TIMER, CONSOLE_PUTCHAR/GETCHAR, CLEAR_IPI, SEND_IPI, the remote fences, SHUTDOWN; any other gets SBI_ENOTSUPP',
      sources: [
        opensbi('lib/sbi/sbi_ecall_legacy.c', OSBI_LEGACY_AT, 'ecall_legacy = { .extid_start = SBI_EXT_0_1_SET_TIMER, .extid_end = SBI_EXT_0_1_SHUTDOWN, .handle = sbi_ecall_legacy_handler }; sbi_ecall_legacy_handler(): "switch (extid)" … "default: ret = SBI_ENOTSUPP"'),
      ],
    },
  ],
  notes: [
    {
      text: 'sbi_ecall_legacy.c was read at OpenSBI 76685022, the one copy stored, which is older than the sbi_ecall.c cited beside it (021b9e7c); its handler’s arguments changed since (the scratch pointer went), not its switch on the EID.',
      sources: [opensbi('lib/sbi/sbi_ecall_legacy.c', OSBI_LEGACY_AT, 'sbi_ecall_legacy_handler(struct sbi_scratch *scratch, unsigned long extid, …)')],
    },
  ],
};
