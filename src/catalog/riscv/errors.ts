import { toTwosComplement } from '../../model/value';
import { AT, linuxAt, opensbi, sbiSpec } from './sources';

/**
 * The Standard SBI Errors table of the Binary Encoding chapter, in the
 * spec's own names and values. a0 carries them as a 64-bit long, so a
 * negative code is its two's complement.
 */
export const SBI_ERRORS = {
  SBI_SUCCESS: 0n,
  SBI_ERR_FAILED: -1n,
  SBI_ERR_NOT_SUPPORTED: -2n,
  SBI_ERR_INVALID_PARAM: -3n,
  SBI_ERR_DENIED: -4n,
  SBI_ERR_INVALID_ADDRESS: -5n,
  SBI_ERR_ALREADY_AVAILABLE: -6n,
  SBI_ERR_ALREADY_STARTED: -7n,
  SBI_ERR_ALREADY_STOPPED: -8n,
  SBI_ERR_NO_SHMEM: -9n,
  SBI_ERR_INVALID_STATE: -10n,
  SBI_ERR_BAD_RANGE: -11n,
} as const;

export type SbiErrorName = keyof typeof SBI_ERRORS;

export const errorSources = {
  spec: sbiSpec('src/binary-encoding.adoc', AT.binaryEncoding, 'Table "Standard SBI Errors": SBI_SUCCESS 0 … SBI_ERR_BAD_RANGE -11'),
  opensbi: opensbi('include/sbi/sbi_ecall_interface.h', AT.osbiInterface, 'SBI return error codes: SBI_SUCCESS 0, SBI_ERR_FAILED -1 … SBI_ERR_BAD_RANGE -11'),
  linux: linuxAt(
    'arch/riscv/include/asm/sbi.h',
    AT.linuxSbiH,
    'SBI return error codes: SBI_SUCCESS 0, SBI_ERR_FAILURE -1, SBI_ERR_NOT_SUPPORTED -2 … SBI_ERR_ALREADY_STOPPED -8',
  ),
};

/** An sbiret.error example: the code as a0 holds it, labelled with the spec's name. */
export function sbiError(name: SbiErrorName): { example: bigint; exampleMeaning: string } {
  const v = SBI_ERRORS[name];
  return { example: toTwosComplement(v, 64), exampleMeaning: `${name} (${v})` };
}
