import type { ExceptionDef } from '../../model/exception';
import { hostSmcCall, realmSmcTrap } from '../cca/exceptions';
import { vmgexitExit } from '../sev/exceptions';
import { tdcallExit } from '../tdx/exceptions';
import { armException } from './arm';
import { ecallTrap } from './riscv';
import { hypercallExits, unknownHost } from './x86';

/**
 * The exception entry and return for a convention that names no host (one
 * written in the app), by its instruction: the architecture's entry for hvc,
 * smc and ecall, the one taker's for tdcall (the TDX module), vmgexit and
 * CCA's smc, and a VM exit under a VMM that is not known. The instructions a
 * custom convention borrows from one host (Xen's hypercall-page stub,
 * VMware's port I/O and its arm64 mrs) are drawn only for that host, so get
 * none.
 */
const anyHost: readonly ExceptionDef[] = [...hypercallExits(unknownHost), ecallTrap, tdcallExit, vmgexitExit, realmSmcTrap, hostSmcCall];

export function anyHostException(instruction: string): ExceptionDef | undefined {
  return armException(instruction) ?? anyHost.find((d) => d.instruction === instruction);
}
