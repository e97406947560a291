import { exceptionFlow, type ExceptionDef, type ExceptionFlow } from '../../model/exception';
import type { Plan } from '../../model/plan';
import { armExceptions } from './arm';
import { ecallTrap } from './riscv';
import { vmcallExit, vmmcallExit } from './x86';

const byInstruction = new Map<string, ExceptionDef>([...armExceptions, vmcallExit, vmmcallExit, ecallTrap].map((d) => [d.instruction, d]));

/** The exception entry and return for a plan's trap; undefined when the catalog does not describe that instruction. */
export function exceptionFor(plan: Plan): ExceptionFlow | undefined {
  const def = byInstruction.get(plan.convention.instruction.id);
  return def && exceptionFlow(def, plan.trap);
}

export function exceptionDefs(): readonly ExceptionDef[] {
  return [...byInstruction.values()];
}
