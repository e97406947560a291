import { catalog } from '../../catalog';
import { aarch32 } from '../../catalog/arch/aarch32';
import { aarch64 } from '../../catalog/arch/aarch64';
import { x86, x8664 } from '../../catalog/arch/x86-64';
import { riscv64 } from '../../catalog/riscv/arch';
import type { Architecture, InstructionDef } from '../../model/arch';
import type { CustomArchId } from './schema';

/** The built-in architectures a definition may name; a user cannot invent a register file. */
export const ARCHITECTURES: Readonly<Record<CustomArchId, Architecture>> = {
  aarch64,
  aarch32,
  'x86-64': x8664,
  x86,
  riscv64,
};

/**
 * Trap instructions a definition may use on an architecture: the
 * architecture's own (hvc, smc, vmcall, ecall…) and those built-in
 * conventions bring (VMware's inl, Xen's hypercall-page call), so a copy of
 * any built-in convention can be expressed. Found by mnemonic; first wins.
 */
export function instructionsFor(arch: Architecture): InstructionDef[] {
  const byMnemonic = new Map<string, InstructionDef>();
  const add = (ins: InstructionDef) => {
    if (!byMnemonic.has(ins.mnemonic)) byMnemonic.set(ins.mnemonic, ins);
  };
  Object.values(arch.instructions).forEach(add);
  for (const c of catalog.conventions) if (c.arch.id === arch.id) add(c.instruction);
  return [...byMnemonic.values()];
}

export function findInstruction(arch: Architecture, mnemonic: string): InstructionDef | undefined {
  const m = mnemonic.trim().toLowerCase();
  return instructionsFor(arch).find((i) => i.mnemonic.toLowerCase() === m);
}
