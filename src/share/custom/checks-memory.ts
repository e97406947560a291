import { cellOf, type Architecture } from '../../model/arch';
import { formatHex, maxFor } from '../../model/value';
import type { PathItem } from './errors';
import { valueOf, type CustomLayout, type CustomMemory, type CustomMsr } from './schema';

/**
 * The checks of the parts beyond the general-purpose registers (MSR cells,
 * bit-field layouts, memory arguments): what the schema cannot see, and what
 * keeps marshal() and the views from meeting a field outside its word or its
 * area. Each error names its field, as in checks.ts.
 */

type Report = (path: PathItem[], problem: string) => void;

/** MSRs are x86's: an Arm or RISC-V definition has none to name. */
const MSR_ARCHES = new Set(['x86-64', 'x86']);

/** MSR cells, against the architecture's own register file (`base`, without them). */
export function checkMsrs(msrs: readonly CustomMsr[], base: Architecture, path: PathItem[], err: Report): void {
  if (msrs.length && !MSR_ARCHES.has(base.id)) {
    err(path, `MSRs are x86 model-specific registers; ${base.name} has none`);
    return;
  }
  const names = new Map<string, number>();
  const indexes = new Map<bigint, number>();
  msrs.forEach((m, i) => {
    const name = m.register.toLowerCase();
    if (cellOf(base, name)) err([...path, i, 'register'], `"${m.register}" is already a register of ${base.name}; give the MSR cell a name of its own`);
    const first = names.get(name);
    if (first !== undefined) err([...path, i, 'register'], `"${m.register}" is already the name of MSR cell ${first + 1}`);
    else names.set(name, i);
    const index = valueOf(m.index);
    const again = indexes.get(index);
    if (again !== undefined) err([...path, i, 'index'], `${formatHex(index)} is already the index of MSR cell ${again + 1}`);
    else indexes.set(index, i);
  });
}

/** A layout over a value `bits` wide: fields inside it, keys unique, no two fields sharing a bit, named values that fit. */
export function checkLayout(layout: CustomLayout, bits: number, register: string, path: PathItem[], err: Report): void {
  const keys = new Map<string, number>();
  let taken = 0n;
  layout.fields.forEach((f, i) => {
    const at = (...p: PathItem[]) => [...path, 'fields', i, ...p];
    const first = keys.get(f.key);
    if (first !== undefined) err(at('key'), `"${f.key}" is already the key of field ${first + 1}`);
    else keys.set(f.key, i);
    if (f.hi >= bits) return err(at('hi'), `bit ${f.hi} is outside ${register}, which holds ${bits} bits (bits ${bits - 1} to 0)`);
    if (f.lo > f.hi) return err(at('lo'), `bit ${f.lo} is above the highest bit ${f.hi}; write the field as hi ≥ lo`);
    const mask = maxFor(f.hi - f.lo + 1) << BigInt(f.lo);
    if (taken & mask) err(at(), `bits ${f.hi}:${f.lo} overlap another field`);
    taken |= mask;
    const max = maxFor(f.hi - f.lo + 1);
    for (const value of Object.keys(f.names ?? {})) {
      if (BigInt(value) > max) err(at('names'), `${value} does not fit the field's ${f.hi - f.lo + 1} bits (at most ${max})`);
    }
    if (f.mustBe !== undefined && valueOf(f.mustBe) > max)
      err(at('mustBe'), `${formatHex(valueOf(f.mustBe))} does not fit the field's ${f.hi - f.lo + 1} bits`);
  });
}

/**
 * A memory argument: its address in a cell the call loads (`loaded`, the
 * cells of its selector, fixed inputs and arguments), its fields inside the
 * area and apart, each with a value only from whoever its direction says writes it.
 */
export function checkMemory(m: CustomMemory, arch: Architecture, loaded: ReadonlySet<string>, number: bigint, path: PathItem[], err: Report): void {
  if (m.register !== undefined) {
    const cell = cellOf(arch, m.register);
    if (!cell) err([...path, 'register'], `"${m.register}" is not a register of ${arch.name}`);
    else if (!loaded.has(cell.cell))
      err([...path, 'register'], `${m.register} carries the address, but the call does not load it: make it one of the call's arguments`);
  }
  if (m.address !== undefined && valueOf(m.address) > maxFor(64)) err([...path, 'address'], `${formatHex(valueOf(m.address))} is wider than a 64-bit address`);
  if (m.size === 0) err([...path, 'size'], 'must be at least 1 byte');
  const names = new Map<string, number>();
  const spans: { from: number; to: number; i: number }[] = [];
  m.fields.forEach((f, i) => {
    const at = (...p: PathItem[]) => [...path, 'fields', i, ...p];
    const first = names.get(f.name);
    if (first !== undefined) err(at('name'), `"${f.name}" is already the name of field ${first + 1}`);
    else names.set(f.name, i);
    if (f.bytes === 0) err(at('bytes'), 'must be at least 1 byte');
    if (f.offset + f.bytes > m.size) err(at(), `bytes ${f.offset} to ${f.offset + f.bytes - 1} are outside the ${m.size}-byte area`);
    const clash = spans.find((s) => f.offset < s.to && s.from < f.offset + f.bytes);
    if (clash) err(at(), `overlaps field ${clash.i + 1} (${m.fields[clash.i]!.name})`);
    spans.push({ from: f.offset, to: f.offset + f.bytes, i });
    if (m.direction !== 'inout' && f.direction !== m.direction) {
      err(
        at('direction'),
        `is "${f.direction}", but the area is "${m.direction}": ${m.direction === 'in' ? 'the callee writes nothing in it' : 'the caller writes nothing in it'}`,
      );
    }
    if (f.direction === 'out' && f.example !== undefined)
      err(at('example'), 'is given, but the caller does not write this field ("out"); make it "inout" or drop the example');
    if (f.direction === 'in' && f.result !== undefined)
      err(at('result'), 'is given, but the callee does not write this field ("in"); make it "inout" or drop the result');
    if (f.direction === 'in' && f.resultMeaning !== undefined) err(at('resultMeaning'), 'is given, but the callee does not write this field ("in")');
    // The plan writes the field's example: for the field that selects the call, that must be the call's number.
    if (f.selects && (f.direction === 'out' || f.example === undefined || valueOf(f.example) !== number)) {
      err(at('selects'), `says the field holds the call's number, so the caller must write it ("in" or "inout") with the example ${formatHex(number)}`);
    }
    for (const key of ['example', 'result'] as const) {
      const x = f[key];
      // A shift, not a mask: a field may be a whole page wide.
      if (x !== undefined && valueOf(x) >> BigInt(f.bytes * 8) !== 0n) err(at(key), `${formatHex(valueOf(x))} does not fit the field's ${f.bytes} bytes`);
    }
  });
}
