import { cellOf, type Architecture, type InstructionDef } from '../../model/arch';
import { describeRegisters } from '../../model/narration';
import { formatHex, maxFor } from '../../model/value';
import { ARCHITECTURES, findInstruction, instructionsFor } from './architectures';
import { customArch } from './build';
import { checkLayout, checkMemory, checkMsrs } from './checks-memory';
import { fieldError, type FieldError, type PathItem } from './errors';
import { checkPath } from './path';
import { valueOf, type CustomCall, type CustomConvention, type CustomDefinition, type CustomFixed } from './schema';

/**
 * What the schema cannot see: checks that need the architecture's register
 * file and instructions, and the rules that make marshal() safe to run on
 * every call of a definition that passes. Each error names its field.
 */
export function checkDefinition(d: CustomDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: PathItem[], problem: string) => errors.push(fieldError(path, problem));
  checkMsrs(d.convention.msrs ?? [], ARCHITECTURES[d.convention.arch], ['convention', 'msrs'], err);
  const arch = customArch(d.convention);
  const ins = checkConvention(d.convention, arch, err);
  checkCalls(d, arch, ins, err);
  return errors;
}

type Report = (path: PathItem[], problem: string) => void;

function checkConvention(c: CustomConvention, arch: Architecture, err: Report): InstructionDef | undefined {
  const at = (...p: PathItem[]) => ['convention', ...p];
  const ins = findInstruction(arch, c.instruction);
  if (!ins) {
    const known = instructionsFor(arch)
      .map((i) => i.mnemonic)
      .join(', ');
    err(at('instruction'), `"${c.instruction}" is not a trap instruction of ${arch.name}; choose one of: ${known}`);
  } else if (c.imm === 'call' && ins.immBits === 0) {
    err(at('imm'), `${ins.mnemonic} has no immediate, so the immediate cannot select the call; name a selector register instead`);
  } else if (typeof c.imm === 'number' && ins.immBits === 0 && c.imm !== 0) {
    err(at('imm'), `${ins.mnemonic} has no immediate; use 0`);
  } else if (typeof c.imm === 'number' && ins.immBits > 0 && c.imm >= 2 ** ins.immBits) {
    err(
      at('imm'),
      `#${formatHex(BigInt(c.imm))} is too wide for the ${ins.immBits}-bit immediate of ${ins.mnemonic} (at most ${formatHex(maxFor(ins.immBits))})`,
    );
  }

  const selectorCell = c.selector === null ? undefined : cellOf(arch, c.selector)?.cell;
  if (c.selector === null) {
    if (c.imm !== 'call' && c.selectedBy === undefined) {
      err(
        at('selector'),
        'is null, so nothing selects the call: name a register, set imm to "call" so the immediate selects it, or say in selectedBy what does (a field of an MSR or of memory)',
      );
    }
  } else if (!selectorCell) {
    err(at('selector'), `"${c.selector}" is not a register of ${arch.name}`);
  }
  if (c.selectedBy !== undefined && (c.selector !== null || c.imm === 'call')) {
    err(
      at('selectedBy'),
      `is only for conventions where neither a register nor the immediate selects the call, but ${c.selector !== null ? `the selector ${c.selector}` : 'the immediate'} does`,
    );
  }

  // Every list: known registers, each cell once.
  const cells: Record<string, Map<string, number>> = {};
  const lists = ['args', 'results', 'clobbered', 'preserved', 'resultsKeptWhenUnused'] as const;
  for (const key of lists) {
    const seen = new Map<string, number>();
    (c[key] ?? []).forEach((r, i) => {
      const cell = cellOf(arch, r)?.cell;
      if (!cell) return err(at(key, i), `"${r}" is not a register of ${arch.name}`);
      const first = seen.get(cell);
      if (first !== undefined) return err(at(key, i), `${r} is listed twice (again after position ${first + 1})`);
      seen.set(cell, i);
    });
    cells[key] = seen;
  }
  const has = (key: (typeof lists)[number], cell: string) => cells[key]!.has(cell);
  const cellAt = (r: string) => cellOf(arch, r)?.cell;

  c.args.forEach((r, i) => {
    const cell = cellAt(r);
    if (cell && cell === selectorCell) err(at('args', i), `${r} is the selector register; an argument cannot share it`);
  });
  c.preserved.forEach((r, i) => {
    const cell = cellAt(r);
    if (!cell) return;
    if (has('results', cell)) {
      err(
        at('preserved', i),
        `${r} is also a result register; a result cannot be preserved (list it under resultsKeptWhenUnused if the callee keeps it when a call leaves it unused)`,
      );
    }
    if (has('clobbered', cell)) err(at('preserved', i), `${r} is also listed as clobbered; a register is either preserved or clobbered`);
  });
  (c.resultsKeptWhenUnused ?? []).forEach((r, i) => {
    const cell = cellAt(r);
    if (!cell) return;
    if (!has('results', cell)) err(at('resultsKeptWhenUnused', i), `${r} is not one of the result registers (${describeRegisters(arch, c.results)})`);
    if (has('clobbered', cell)) err(at('resultsKeptWhenUnused', i), `${r} is also listed as clobbered; a register is either kept or clobbered`);
  });

  if (c.target !== undefined) {
    const level = arch.levels.find((l) => l.id === c.target);
    if (!level) err(at('target'), `"${c.target}" is not a level of ${arch.name}; choose one of: ${arch.levels.map((l) => l.id).join(', ')}`);
    else if (level.id === arch.guestLevel) err(at('target'), `${level.id} is where the caller runs; a trap goes to another level`);
  }

  if (c.usesSmcccFunctionId) {
    if (c.selector === null) err(at('usesSmcccFunctionId'), 'is true, but there is no selector register to hold the function id');
    if (c.slotBits !== 32 && c.slotBits !== 64) err(at('usesSmcccFunctionId'), `is true, but SMCCC slots are 32 or 64 bits, not ${c.slotBits}`);
  }

  (c.fixed ?? []).forEach((f, i) => checkFixed(arch, f, at('fixed', i), err));
  if (c.unknownCall) {
    const first = c.results[0];
    const bits = first ? cellOf(arch, first)?.bits : undefined;
    if (!first) err(at('unknownCall'), 'needs a result register to answer in; the convention lists none');
    else if (bits !== undefined) checkWidth(valueOf(c.unknownCall.value), bits, first, at('unknownCall', 'value'), err);
  }
  if (c.path) checkPath(c.path, arch, ins, at('path'), err);
  return ins;
}

function checkFixed(arch: Architecture, f: CustomFixed, path: PathItem[], err: Report): void {
  const cell = cellOf(arch, f.register);
  if (!cell) err([...path, 'register'], `"${f.register}" is not a register of ${arch.name}`);
  else checkWidth(valueOf(f.value), cell.bits, f.register, [...path, 'value'], err);
}

function checkWidth(value: bigint, bits: number, register: string, path: PathItem[], err: Report): void {
  if (value > maxFor(bits)) err(path, `${formatHex(value)} is too wide for ${register}, which holds ${bits} bits`);
}

function checkCalls(d: CustomDefinition, arch: Architecture, ins: InstructionDef | undefined, err: Report): void {
  const c = d.convention;
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const numbers = new Map<bigint, number>();
  d.calls.forEach((call, i) => {
    const at = (...p: PathItem[]) => ['calls', i, ...p];
    const firstId = ids.get(call.id);
    if (firstId !== undefined) err(at('id'), `"${call.id}" is already the id of call ${firstId + 1}`);
    else ids.set(call.id, i);
    const key = call.name.trim().toLowerCase();
    const firstName = names.get(key);
    if (firstName !== undefined) err(at('name'), `"${call.name}" is already the name of call ${firstName + 1}`);
    else names.set(key, i);
    const number = valueOf(call.number);
    // With the immediate selecting the call, the number is all the callee sees: two calls cannot share one.
    const firstNumber = c.imm === 'call' ? numbers.get(number) : undefined;
    if (firstNumber !== undefined) {
      err(at('number'), `${formatHex(number)} is already the number of call ${firstNumber + 1}; the immediate selects the call, so the numbers must differ`);
    } else numbers.set(number, i);
    checkNumber(c, arch, ins, number, at('number'), err);
    const argCells = checkArgs(c, arch, call, at, err);
    checkResults(c, arch, call, at, err);
    (call.fixed ?? []).forEach((f, j) => checkFixed(arch, f, at('fixed', j), err));
    // A memory argument's address travels in a cell the call loads: its selector, a fixed input or an argument.
    const loaded = new Set(argCells);
    for (const r of [c.selector, ...(c.fixed ?? []).map((f) => f.register), ...(call.fixed ?? []).map((f) => f.register)]) {
      const cell = r === null ? undefined : cellOf(arch, r)?.cell;
      if (cell) loaded.add(cell);
    }
    const memoryNames = new Map<string, number>();
    (call.memory ?? []).forEach((m, j) => {
      const first = memoryNames.get(m.name);
      if (first !== undefined) err(at('memory', j, 'name'), `"${m.name}" is already the name of memory argument ${first + 1} of this call`);
      else memoryNames.set(m.name, j);
      checkMemory(m, arch, loaded, number, at('memory', j), err);
    });
    if (call.path) checkPath(call.path, arch, ins, at('path'), err);
    for (const key of ['clobbered', 'preserved'] as const) {
      (call[key] ?? []).forEach((r, j) => {
        if (!cellOf(arch, r)) err(at(key, j), `"${r}" is not a register of ${arch.name}`);
      });
    }
  });
}

function checkNumber(c: CustomConvention, arch: Architecture, ins: InstructionDef | undefined, n: bigint, path: PathItem[], err: Report): void {
  const sel = c.selector === null ? undefined : cellOf(arch, c.selector);
  if (sel && n > maxFor(sel.bits)) err(path, `${formatHex(n)} does not fit the selector register ${c.selector}, which holds ${sel.bits} bits`);
  if (c.imm === 'call' && ins && ins.immBits > 0 && n > maxFor(ins.immBits)) {
    err(
      path,
      `${formatHex(n)} does not fit the ${ins.immBits}-bit immediate of ${ins.mnemonic}, which selects the call (at most ${formatHex(maxFor(ins.immBits))})`,
    );
  }
  if (!c.usesSmcccFunctionId || !sel) return;
  // The SMCCC function-id layout (src/catalog/smccc/function-id.ts): 32 bits, bit 30 = SMC64, bits 23:17 zero.
  if (n > 0xffffffffn) {
    err(path, `${formatHex(n)} is not an SMCCC function id: function ids are 32 bits`);
    return;
  }
  const bit30 = (n >> 30n) & 1n;
  const want = c.slotBits === 64 ? 1n : 0n;
  if (bit30 !== want) {
    err(
      path,
      `bit 30 of the function id ${formatHex(n)} is ${bit30} (${bit30 ? 'SMC64/HVC64' : 'SMC32/HVC32'}), but the convention's slots are ${c.slotBits} bits, so bit 30 must be ${want}`,
    );
  }
  if ((n >> 17n) & 0x7fn) err(path, `bits 23:17 of the function id ${formatHex(n)} must be zero in SMCCC`);
}

/** The argument checks; returns the cells the arguments load. */
function checkArgs(c: CustomConvention, arch: Architecture, call: CustomCall, at: (...p: PathItem[]) => PathItem[], err: Report): Set<string> {
  const names = new Map<string, number>();
  const cells = new Map<string, number>();
  const selectorCell = c.selector === null ? undefined : cellOf(arch, c.selector)?.cell;
  let next = 0;
  call.args.forEach((a, j) => {
    const first = names.get(a.name);
    if (first !== undefined) err(at('args', j, 'name'), `"${a.name}" is already the name of argument ${first + 1} of this call`);
    else names.set(a.name, j);
    let reg: string | undefined;
    if (a.register !== undefined) {
      reg = a.register;
      if (!cellOf(arch, reg)) return err(at('args', j, 'register'), `"${reg}" is not a register of ${arch.name}`);
    } else {
      reg = c.args[next++];
      if (reg === undefined) {
        return err(
          at('args', j),
          `has no argument register left: the convention has ${c.args.length} (${describeRegisters(arch, c.args)}) and this call takes more`,
        );
      }
    }
    const cell = cellOf(arch, reg);
    if (!cell) return; // an unknown convention register is reported under convention.args
    const clash = cells.get(cell.cell);
    if (clash !== undefined) err(at('args', j), `goes in ${reg}, which argument ${clash + 1} already uses`);
    else cells.set(cell.cell, j);
    if (cell.cell === selectorCell) err(at('args', j), `goes in ${reg}, which holds the selector`);
    checkWidth(valueOf(a.example), cell.bits, reg, at('args', j, 'example'), err);
    if (a.layout) checkLayout(a.layout, cell.bits, reg, at('args', j, 'layout'), err);
  });
  return new Set(cells.keys());
}

function checkResults(c: CustomConvention, arch: Architecture, call: CustomCall, at: (...p: PathItem[]) => PathItem[], err: Report): void {
  const names = new Map<string, number>();
  const cells = new Map<string, number>();
  call.results.forEach((r, j) => {
    const first = names.get(r.name);
    if (first !== undefined) err(at('results', j, 'name'), `"${r.name}" is already the name of result ${first + 1} of this call`);
    else names.set(r.name, j);
    // As marshal() reads them: a result without its own register takes the result register at its own position.
    const reg = r.register ?? c.results[j];
    if (reg === undefined) {
      return err(
        at('results', j),
        `has no result register: the convention lists ${c.results.length} (${describeRegisters(arch, c.results)}); give this result a register`,
      );
    }
    const cell = cellOf(arch, reg);
    if (!cell) return r.register !== undefined ? err(at('results', j, 'register'), `"${reg}" is not a register of ${arch.name}`) : undefined;
    const clash = cells.get(cell.cell);
    if (clash !== undefined) err(at('results', j), `comes back in ${reg}, which result ${clash + 1} already uses`);
    else cells.set(cell.cell, j);
    checkWidth(valueOf(r.example), cell.bits, reg, at('results', j, 'example'), err);
    if (r.layout) checkLayout(r.layout, cell.bits, reg, at('results', j, 'layout'), err);
  });
}
