import type { Family } from '../family';
import { riscvLegacyCalls, riscvSbiCalls } from './calls';
import { riscvMoreCalls } from './more-calls';
import { riscvConventions } from './conventions';

/** RISC-V SBI: the v0.2+ convention and the v0.1 legacy one, on RV64 (the catalog adds the architecture from `arch`). */
export const riscv: Family = {
  conventions: riscvConventions,
  calls: [...riscvSbiCalls, ...riscvMoreCalls, ...riscvLegacyCalls],
};
