import { exceptionFlow, type ExceptionDef, type ExceptionFlow } from '../../model/exception';
import type { Plan } from '../../model/plan';
import { armExceptions } from './arm';
import { portInExit } from './io';
import { ecallTrap } from './riscv';
import { vmcallExit, vmmcallExit } from './x86';

const key = (instruction: string, targetState?: string) => (targetState ? `${instruction}@${targetState}` : instruction);

const byInstruction = new Map<string, ExceptionDef>(
  [...armExceptions, vmcallExit, vmmcallExit, portInExit, ecallTrap].map((d) => [key(d.instruction, d.targetState), d]),
);

/** The exception entry and return for a plan's trap; undefined when the catalog does not describe that instruction. */
export function exceptionFor(plan: Plan): ExceptionFlow | undefined {
  const { instruction, targetState } = plan.convention;
  const def = byInstruction.get(key(instruction.id, targetState)) ?? byInstruction.get(key(instruction.id));
  return def && exceptionFlow(def, plan.trap);
}

export function exceptionDefs(): readonly ExceptionDef[] {
  return [...byInstruction.values()];
}
