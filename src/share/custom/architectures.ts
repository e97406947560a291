import { aarch32 } from '../../catalog/arch/aarch32';
import { aarch64 } from '../../catalog/arch/aarch64';
import { x86, x8664 } from '../../catalog/arch/x86-64';
import { riscv64 } from '../../catalog/riscv/arch';
import { inEaxDx, mrsXzrMdccsr, repInsb, repOutsb } from '../../catalog/vmware/instructions';
import { hypercallPageStub } from '../../catalog/xen/x86';
import type { Architecture, InstructionDef } from '../../model/arch';
import type { CustomArchId } from './schema';
import { x8664Td } from '../../catalog/tdx/arch';
import { vmgexit } from '../../catalog/sev/arch';
import { hostAarch64, realmAarch64 } from '../../catalog/cca/arch';

/** The built-in architectures a definition may name; a user cannot invent a register file. */
export const ARCHITECTURES: Readonly<Record<CustomArchId, Architecture>> = {
  aarch64,
  aarch32,
  'x86-64': x8664,
  x86,
  riscv64,
  'x86-64-td': x8664Td,
  'aarch64-realm': realmAarch64,
  'aarch64-host': hostAarch64,
};

/** The format's name for a built-in architecture: the entry holding that very value (x86-64 as a trust domain sees it), else its id. */
export function customArchId(arch: Architecture): CustomArchId {
  const entry = Object.entries(ARCHITECTURES).find(([, a]) => a === arch);
  return (entry?.[0] ?? arch.id) as CustomArchId;
}

/** The trap instructions built-in conventions bring beyond their architecture's own: Xen's hypercall-page call, VMware's backdoor, SEV-ES's VMGEXIT. */
const BROUGHT: Readonly<Partial<Record<CustomArchId, readonly InstructionDef[]>>> = {
  'x86-64': [hypercallPageStub, inEaxDx, repOutsb, repInsb, vmgexit],
  x86: [hypercallPageStub],
  aarch64: [mrsXzrMdccsr],
};

/**
 * Trap instructions a definition may use on an architecture: the
 * architecture's own (hvc, smc, vmcall, ecall…) and those built-in
 * conventions bring, so a copy of any built-in convention can be expressed,
 * whichever families are loaded. Found by mnemonic; first wins.
 */
export function instructionsFor(arch: Architecture): InstructionDef[] {
  const byMnemonic = new Map<string, InstructionDef>();
  for (const ins of [...Object.values(arch.instructions), ...(BROUGHT[arch.id] ?? [])]) if (!byMnemonic.has(ins.mnemonic)) byMnemonic.set(ins.mnemonic, ins);
  return [...byMnemonic.values()];
}

export function findInstruction(arch: Architecture, mnemonic: string): InstructionDef | undefined {
  const m = mnemonic.trim().toLowerCase();
  return instructionsFor(arch).find((i) => i.mnemonic.toLowerCase() === m);
}
