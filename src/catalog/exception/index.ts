import { exceptionFlow, type ExceptionDef, type ExceptionFlow } from '../../model/exception';
import type { Plan } from '../../model/plan';
import { tlfs } from '../hyperv/sources';
import { src as vmw } from '../vmware/sources';
import { hostSmcCall, realmSmcTrap } from '../cca/exceptions';
import { armExceptions } from './arm';
import { backdoorIo, portIoExit, stringIoNote } from './io';
import { ecallTrap } from './riscv';
import { vmgexitExit } from './sev';
import { tdcallExit } from './tdx';
import { closedHost, hypercallExits, kvmHost, unknownHost, xenHost } from './x86';
import { xenPageExit } from './xen-page';

const key = (instruction: string, targetState?: string) => (targetState ? `${instruction}@${targetState}` : instruction);
const indexed = (defs: readonly ExceptionDef[]) => new Map(defs.map((d) => [key(d.instruction, d.targetState), d]));

/** Traps whose entry is the architecture's alone, whoever handles them. */
const common = indexed([...armExceptions, realmSmcTrap, hostSmcCall, ecallTrap, tdcallExit, vmgexitExit]);

/**
 * VM exits: what the CPU records is the same everywhere, but where the host
 * continues and how it steps past the instruction is the hypervisor's, so
 * each family gets the exits drawn with its own hypervisor's source, or
 * with none where that source is not public.
 */
const vmware = closedHost('VMware', [vmw.hypercallMacro]);
const byHost: readonly [prefix: string, defs: ReadonlyMap<string, ExceptionDef>][] = [
  ['kvm-x86', indexed(hypercallExits(kvmHost))],
  ['xen', indexed([...hypercallExits(xenHost), xenPageExit])],
  ['hyperv', indexed(hypercallExits(closedHost('Hyper-V', [tlfs('Hypercall interface')])))],
  [
    'vmware',
    indexed([
      ...hypercallExits(vmware),
      ...backdoorIo.map((io) => portIoExit(io, closedHost('VMware', io.guests), io.string ? [stringIoNote] : [])),
    ]),
  ],
];
const anyHost = indexed(hypercallExits(unknownHost));

/** The exception entry and return for a plan's trap; undefined when the catalog does not describe that instruction. */
export function exceptionFor(plan: Plan): ExceptionFlow | undefined {
  const { instruction, targetState, family } = plan.convention;
  const defs = [byHost.find(([prefix]) => family.startsWith(prefix))?.[1] ?? anyHost, common];
  const def = defs.map((m) => m.get(key(instruction.id, targetState)) ?? m.get(key(instruction.id))).find((d) => d !== undefined);
  return def && exceptionFlow(def, plan.trap);
}

export function exceptionDefs(): readonly ExceptionDef[] {
  return [common, anyHost, ...byHost.map(([, m]) => m)].flatMap((m) => [...m.values()]);
}
