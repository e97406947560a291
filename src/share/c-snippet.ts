import type { Architecture, RegisterDef } from '../model/arch';
import { cellOf, msrCells } from '../model/arch';
import { memoryKey } from '../model/memory';
import { describeRegisters } from '../model/narration';
import { memoryBeforeAfter, type Outcome, type Plan, type Slot } from '../model/plan';
import { familyKeyOf, type Catalog } from '../catalog';
import { hex, slotNote, type CArg, type LinuxCall } from '../catalog/linux';
import { linuxHelpers } from '../catalog/linux-helpers';
import { toAscii } from './text';

/**
 * C snippets for one plan: the call made the way the Linux kernel makes it
 * (its helper, with the plan's values), and a freestanding function that pins
 * every register with GCC explicit register variables or x86 constraint
 * letters around one inline `asm volatile`. Pure functions of the plan: ASCII
 * only, no line over SNIPPET_WIDTH columns, and every snippet opens with
 * `/* Trapscope: <call> under <convention> *\/`.
 *
 * `scripts/check-asm.mjs` compiles every asmSnippet() with GCC for its
 * architecture and checks the trap instruction in the object code against
 * plan.trap.instruction.
 */
export const SNIPPET_WIDTH = 100;

/** GCC counts a "+" operand twice, and allows 30 operands in all. */
export const GCC_MAX_OPERANDS = 30;

export interface LinuxSnippet {
  code: string;
  /** Where the helper lives, and what the reader should know about it. */
  note?: string;
}

// ---------------------------------------------------------------- text helpers

/** ASCII, and safe inside a C block comment. */
function clean(s: string): string {
  return toAscii(s).replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
}

/** A block comment wrapped to the width, each line closed on itself. */
function comment(text: string, indent = '', width = SNIPPET_WIDTH): string[] {
  const room = width - indent.length - 6;
  const words = clean(text).split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > room) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => `${indent}/* ${l.length > room ? `${l.slice(0, room - 3)}...` : l} */`);
}

/** `code /* note *\/`, or the note on the line above when both do not fit. */
function withComment(indent: string, code: string, note: string | undefined): string[] {
  if (!note) return [indent + code];
  const c = clean(note);
  const line = `${indent}${code} /* ${c} */`;
  if (line.length <= SNIPPET_WIDTH) return [line];
  return [...comment(note, indent), indent + code];
}

/** Lines of code with their comments in one column, where that column fits. */
function aligned(indent: string, rows: readonly { code: string; note: string }[]): string[] {
  const fits = rows.filter((r) => `${indent}${r.code} /* ${clean(r.note)} */`.length <= SNIPPET_WIDTH);
  const width = Math.max(0, ...fits.map((r) => r.code.length));
  return rows.flatMap((r) => {
    const padded = r.code.padEnd(width);
    if (r.note && `${indent}${padded} /* ${clean(r.note)} */`.length <= SNIPPET_WIDTH) return [`${indent}${padded} /* ${clean(r.note)} */`];
    return withComment(indent, r.code, r.note);
  });
}

export function snippetId(plan: Plan): string {
  return `${plan.call.id} under ${plan.convention.id}`;
}

function header(plan: Plan, what: string): string[] {
  const { call, convention: conv, trap } = plan;
  return [`/* Trapscope: ${snippetId(plan)} */`, ...comment(`${call.name} under ${conv.name}: ${trap.instruction.text} (${trap.instruction.hex}). ${what}`)];
}

/** A C identifier from an id: psci-cpu-on-64 -> trapscope_psci_cpu_on_64. */
export function functionName(plan: Plan): string {
  return `trapscope_${plan.call.id.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

function is64(arch: Architecture): boolean {
  return arch.id !== 'aarch32' && arch.id !== 'x86';
}

function cType(arch: Architecture, bits: number): string {
  return bits === 32 && is64(arch) ? 'unsigned int' : 'unsigned long';
}

function cLiteral(type: string, v: bigint): string {
  return `${hex(v)}${type === 'unsigned int' ? 'U' : 'UL'}`;
}

// ---------------------------------------------------------------- asm snippet

interface Operand {
  cell: string;
  /** C variable; named as the plan writes the register (w1, eax), or the cell when widths mix. */
  name: string;
  type: string;
  bits: number;
  input?: Slot;
  /** Narrower inputs to the same cell, set by the template itself (movw $0x5658, %dx). */
  preloads: Slot[];
  outputs: Outcome[];
  lost: boolean;
}

const X86_LETTER: Record<string, string> = {
  rax: 'a',
  rbx: 'b',
  rcx: 'c',
  rdx: 'd',
  rsi: 'S',
  rdi: 'D',
  eax: 'a',
  ebx: 'b',
  ecx: 'c',
  edx: 'd',
  esi: 'S',
  edi: 'D',
};

function isX86(arch: Architecture): boolean {
  return arch.id === 'x86-64' || arch.id === 'x86';
}

function isFlags(cell: string): boolean {
  return cell === 'rflags' || cell === 'eflags';
}

function isFramePointerX86(cell: string): boolean {
  return cell === 'rbp' || cell === 'ebp';
}

function operandsOf(plan: Plan): Operand[] {
  const arch = plan.convention.arch;
  const byCell = new Map<string, Operand>();
  const lost = new Set(plan.lost);
  const ensure = (cell: string, reg: string, bits: number): Operand => {
    let op = byCell.get(cell);
    if (!op) {
      op = { cell, name: reg, type: cType(arch, bits), bits, preloads: [], outputs: [], lost: lost.has(cell) };
      byCell.set(cell, op);
    } else if (bits > op.bits) {
      op.name = cell;
      op.bits = bits;
      op.type = cType(arch, bits);
    }
    return op;
  };
  for (const s of plan.inputs) {
    const regBits = cellOf(arch, s.register)?.bits ?? s.bits;
    const op = byCell.get(s.cell);
    if (op?.input) {
      if (!isX86(arch) || regBits >= (cellOf(arch, op.input.register)?.bits ?? 0)) {
        throw new Error(`${snippetId(plan)}: two inputs to ${s.cell}`);
      }
      op.preloads.push(s);
      continue;
    }
    ensure(s.cell, s.register, regBits).input = s;
  }
  for (const o of plan.outputs) {
    const bits = cellOf(arch, o.register)?.bits ?? 64;
    const had = byCell.get(o.cell);
    const op = ensure(o.cell, o.register, bits);
    if (had && had.name !== o.register && had.bits === bits && had.name !== op.cell) op.name = op.cell;
    op.outputs.push(o);
  }
  const ops = [...byCell.values()];
  // xchg needs the full register: the value rides in a 64-bit variable, zero-extended.
  for (const op of ops) if (arch.id === 'x86-64' && isFramePointerX86(op.cell)) op.type = 'unsigned long';
  return ops;
}

/** "+r", "=a", "x"... and how many of GCC's 30 operands it takes. */
function constraintOf(arch: Architecture, op: Operand): { letters: string; count: number } {
  const inout = op.input !== undefined && (op.outputs.length > 0 || op.lost || isFramePointerX86(op.cell));
  const mod = inout ? '+' : op.input ? '' : '=';
  let letter = 'r';
  if (isX86(arch)) {
    if (op.cell.startsWith('xmm')) letter = 'x';
    else letter = X86_LETTER[op.cell] ?? 'r';
  }
  return { letters: `${mod}${letter}`, count: inout ? 2 : 1 };
}

function clobberName(arch: Architecture, cell: string): string {
  if (isX86(arch) && isFlags(cell)) return 'cc';
  return cell;
}

function trapLines(plan: Plan): string[] {
  const { convention: conv, trap } = plan;
  const arch = conv.arch;
  let text = conv.instruction.inlineAsm?.template ?? trap.instruction.text;
  if (isX86(arch)) text = text.replace(/%/g, '%%');
  const lines: string[] = [];
  if (arch.id === 'aarch32') lines.push(conv.instruction.mnemonic === 'smc' ? '.arch_extension sec' : '.arch_extension virt');
  lines.push(text);
  return lines;
}

function x86Preload(s: Slot): string {
  const suffix = s.bits === 16 ? 'w' : s.bits === 8 ? 'b' : 'l';
  return `mov${suffix} $${hex(s.value)}, %%${s.register}`;
}

/** The asm statement, with its operand lists wrapped under the template. */
function asmStatement(indent: string, template: string[], outs: string[], ins: string[], clobbers: string[]): string[] {
  const head = `${indent}asm volatile(`;
  const pad = ' '.repeat(head.length);
  const lines: string[] = [];
  template.forEach((t, i) => {
    const quoted = `"${t}${i < template.length - 1 ? '\\n\\t' : ''}"`;
    lines.push(`${i === 0 ? head : pad}${quoted}`);
  });
  const list = (lead: string, items: string[], last: boolean) => {
    const prefix = `${pad}${lead} `;
    if (items.length === 0) {
      lines.push(`${pad}${lead}`);
      return;
    }
    let cur = prefix;
    items.forEach((item, i) => {
      const piece = item + (i < items.length - 1 ? ',' : '');
      if (cur.length > prefix.length && cur.length + 1 + piece.length > SNIPPET_WIDTH - (last ? 2 : 0)) {
        lines.push(cur);
        cur = `${' '.repeat(prefix.length)}${piece}`;
      } else cur = cur.length > prefix.length ? `${cur} ${piece}` : `${cur}${piece}`;
    });
    lines.push(cur);
  };
  list(':', outs, false);
  list(':', ins, false);
  list(':', clobbers, true);
  lines[lines.length - 1] += ');';
  return lines;
}

/**
 * A freestanding C function making the call: every input pinned to its
 * register, every result read back into out[], and the registers the plan
 * says are lost after the call named as clobbers (or as "+" operands where
 * they carry an input). Compiles with GCC for the convention's architecture.
 */
export function asmSnippet(plan: Plan): string {
  const { convention: conv } = plan;
  const arch = conv.arch;
  const msr = msrCells(arch).find((r) => plan.inputs.some((s) => s.cell === r.name));
  if (msr) return msrSnippet(plan, msr);
  const ops = operandsOf(plan);
  const opCells = new Set(ops.map((o) => o.cell));
  const clobberCells = plan.lost.filter((c) => !opCells.has(c));
  const count = ops.reduce((n, op) => n + constraintOf(arch, op).count, 0);
  const lines: string[] = [];

  const lostText = plan.lost.length ? describeRegisters(arch, plan.lost) : 'none';
  const how =
    count > GCC_MAX_OPERANDS
      ? `The registers are loaded from and stored to regs[] inside the asm: ${count} operands would pass GCC's limit of ` +
        `${GCC_MAX_OPERANDS} ("+" counts twice), so, as Linux's arm_smccc_1_2_hvc does in smccc-call.S, they are clobbers.`
      : isX86(arch)
        ? 'Freestanding: each register is pinned with a constraint letter (a, b, c, d, S, D) or an explicit register variable.'
        : 'Freestanding: each register is pinned with a GCC explicit register variable.';
  lines.push(...header(plan, how));
  lines.push(...comment(`Lost after the call (clobbers, or "+" where they carry an input): ${lostText}. Results are written to out[].`));
  lines.push(...archNotes(plan, ops));

  if (count > GCC_MAX_OPERANDS) {
    lines.push(...viaMemory(plan, ops, clobberCells));
    return `${lines.join('\n')}\n`;
  }

  lines.push(`void ${functionName(plan)}(unsigned long *out)`, '{');
  const I = '    ';
  const outs: string[] = [];
  const ins: string[] = [];
  const template: string[] = [];
  let vecType = false;
  const decls: { code: string; note: string }[] = [];
  for (const op of ops) {
    const note = op.input ? slotNote(op.input) : op.outputs.map((o) => `${o.register}: ${o.name}`).join('; ');
    const init = op.input ? ` = ${cLiteral(op.type, op.input.value)}` : '';
    if (isX86(arch) && op.cell.startsWith('xmm')) {
      vecType = true;
      const v = op.input?.value ?? 0n;
      const lo = v & ((1n << 64n) - 1n);
      const hi = v >> 64n;
      const initV = op.input ? ` = { ${hex(lo)}ULL, ${hex(hi)}ULL }` : '';
      decls.push({ code: `register trapscope_v2du ${op.name} asm("${op.cell}")${initV};`, note });
    } else if (isX86(arch) && (X86_LETTER[op.cell] || isFramePointerX86(op.cell))) {
      decls.push({ code: `${op.type} ${op.name}${init};`, note });
    } else {
      decls.push({ code: `register ${op.type} ${op.name} asm("${op.cell}")${init};`, note });
    }
    const c = constraintOf(arch, op);
    const named = isFramePointerX86(op.cell) ? `[${op.name}] ` : '';
    const operand = `${named}"${c.letters}"(${op.name})`;
    if (c.letters.startsWith('+') || c.letters.startsWith('=')) outs.push(operand);
    else ins.push(operand);
    for (const p of op.preloads) template.push(x86Preload(p));
  }
  lines.push(...aligned(I, decls));
  const fp = ops.find((o) => isX86(arch) && isFramePointerX86(o.cell));
  const xchg = fp ? `xchg %%${arch.id === 'x86' ? 'ebp' : 'rbp'}, %[${fp.name}]` : undefined;
  if (xchg) template.push(xchg);
  template.push(...trapLines(plan));
  if (xchg) template.push(xchg);

  const clobbers = [...clobberCells.map((c) => `"${clobberName(arch, c)}"`), '"memory"'];
  lines.push('');
  lines.push(...asmStatement(I, template, outs, ins, clobbers));
  const reads: { code: string; note: string }[] = [];
  plan.outputs.forEach((o, i) => {
    const op = ops.find((x) => x.cell === o.cell)!;
    const value = op.cell.startsWith('xmm') ? `(unsigned long)${op.name}[0]` : op.name;
    reads.push({ code: `out[${i}] = ${value};`, note: `${o.register}: ${o.name}` });
  });
  lines.push(...aligned(I, reads), '}');
  const pre: string[] = [];
  if (vecType) pre.push('typedef unsigned long long trapscope_v2du __attribute__((vector_size(16)));');
  pre.push(...(conv.instruction.inlineAsm?.declarations ?? []));
  const at = lines.findIndex((l) => l.startsWith('void '));
  if (pre.length) lines.splice(at, 0, ...pre, '');
  return `${lines.join('\n')}\n`;
}

const BYTE_HELPERS = [
  '/* Little-endian stores and loads of n bytes, so no pointer is type-punned. */',
  'static inline void trapscope_put(unsigned char *p, unsigned long v, int n)',
  '{',
  '    for (int i = 0; i < n; i++)',
  '        p[i] = (unsigned char)(v >> (8 * i));',
  '}',
  '',
  'static inline unsigned long trapscope_get(const unsigned char *p, int n)',
  '{',
  '    unsigned long v = 0;',
  '    for (int i = 0; i < n; i++)',
  '        v |= (unsigned long)p[i] << (8 * i);',
  '    return v;',
  '}',
  '',
];

/**
 * A call carried by an MSR (SEV's GHCB MSR): the fields of any memory
 * argument are stored into a page first, then one asm statement writes the
 * MSR with wrmsr (ECX = index, EDX:EAX = value), traps, and reads the MSR
 * back with rdmsr. No general-purpose register carries an argument.
 */
function msrSnippet(plan: Plan, msr: RegisterDef): string {
  const index = msr.msr!.index;
  const input = plan.inputs.find((s) => s.cell === msr.name)!;
  const output = plan.outputs.find((o) => o.cell === msr.name);
  const I = '    ';
  const lines = [
    ...header(
      plan,
      `The call travels in ${msr.msr!.name} (MSR ${hex(BigInt(index))}): wrmsr loads it from EDX:EAX` +
        (output ? ', rdmsr reads the answer back.' : plan.memory.length ? '; the answer comes back in memory.' : '; nothing comes back.'),
    ),
  ];
  if (conventionNote(plan)) lines.push(...comment(conventionNote(plan)!));
  const memory = plan.memory.filter((m) => m.arg.fields.length > 0);
  if (memory.length) lines.push(...BYTE_HELPERS);
  for (const [i] of memory.entries()) lines.push(`static unsigned char trapscope_mem${i}[${memory[i]!.arg.size}] __attribute__((aligned(4096)));`);
  if (memory.length) lines.push('');
  lines.push(`void ${functionName(plan)}(unsigned long *out)`, '{');
  const { written: filled, answered } = memoryBeforeAfter(plan);
  const stores: { code: string; note: string }[] = [];
  memory.forEach((m, i) => {
    const n = plan.memory.indexOf(m);
    for (const f of m.arg.fields) {
      const v = filled[memoryKey(n, f.name)];
      if (v === undefined) continue;
      for (let at = 0; at < f.bytes; at += 8) {
        const part = (v >> BigInt(8 * at)) & ((1n << 64n) - 1n);
        const size = Math.min(8, f.bytes - at);
        stores.push({ code: `trapscope_put(trapscope_mem${i} + ${hex(BigInt(f.offset + at))}, ${hex(part)}UL, ${size});`, note: f.name + (f.bytes > 8 ? ` bytes ${at}-${at + size - 1}` : '') });
      }
    }
  });
  lines.push(...aligned(I, stores));
  if (stores.length) lines.push('');
  lines.push(
    ...aligned(I, [
      { code: `unsigned int lo = ${hex(input.value & 0xffffffffn)}U;`, note: `${input.name}, bits 31:0` },
      { code: `unsigned int hi = ${hex(input.value >> 32n)}U;`, note: `${input.name}, bits 63:32` },
    ]),
    '',
  );
  const template = ['wrmsr', ...trapLines(plan), ...(output ? ['rdmsr'] : [])];
  lines.push(...asmStatement(I, template, ['"+a"(lo)', '"+d"(hi)'], [`"c"(${hex(BigInt(index))}U)`], ['"memory"']));
  const reads: { code: string; note: string }[] = [];
  if (output) reads.push({ code: 'out[0] = ((unsigned long)hi << 32) | lo;', note: `${msr.name}: ${output.name}` });
  memory.forEach((m, i) => {
    const n = plan.memory.indexOf(m);
    for (const f of m.arg.fields) {
      if (f.direction === 'in' || answered[memoryKey(n, f.name)] === undefined) continue;
      reads.push({ code: `out[${reads.length}] = trapscope_get(trapscope_mem${i} + ${hex(BigInt(f.offset))}, ${Math.min(8, f.bytes)});`, note: `${m.arg.name}: ${f.name}` });
    }
  });
  lines.push(...aligned(I, reads), '}');
  return `${lines.join('\n')}\n`;
}

/** What a reader of the MSR form should know: memory stands in for the guest's page, the address is the example's. */
function conventionNote(plan: Plan): string | undefined {
  if (plan.memory.length === 0) return undefined;
  return (
    `The ${plan.memory.map((m) => m.arg.name).join(' and ')} is a static page here; the MSR gets the example's address, ` +
    'where a guest writes the physical address of its own page (Linux: __pa(ghcb)).'
  );
}

/** Comments for the forms that need a word of explanation. */
function archNotes(plan: Plan, ops: Operand[]): string[] {
  const { convention: conv } = plan;
  const arch = conv.arch;
  const out: string[] = [];
  if (arch.id === 'aarch32') {
    out.push(
      ...comment(
        `Build as A32 (gcc -marm): ${plan.trap.instruction.hex} is the A32 encoding; .arch_extension lets the assembler accept ` +
          `${conv.instruction.mnemonic} without -march=armv7ve.`,
      ),
    );
  }
  const fp = ops.find((o) => isX86(arch) && isFramePointerX86(o.cell));
  if (fp) {
    out.push(
      ...comment(
        `${fp.input?.register ?? 'ebp'} cannot be pinned (it may be the frame pointer), so the template swaps the value into it ` +
          'around the trap with xchg and swaps it back; Linux pushes %rbp, moves the value in and pops it instead.',
      ),
    );
  }
  if (conv.instruction.inlineAsm) out.push(...comment(conv.instruction.inlineAsm.note));
  if (ops.some((o) => o.preloads.length > 0)) {
    out.push(...comment('movw loads the port into DX inside the asm, as VMWARE_HYPERCALL does, after EDX was loaded with its input.'));
  }
  return out;
}

/** For calls whose registers would exceed GCC's operand limit: load and store them inside the asm. */
function viaMemory(plan: Plan, ops: Operand[], clobberCells: string[]): string[] {
  const arch = plan.convention.arch;
  const size = is64(arch) ? 8 : 4;
  const regs = ops.map((o) => o.cell);
  const load = (cell: string, off: number) => {
    switch (arch.id) {
      case 'aarch64':
      case 'aarch32':
        return `ldr ${cell}, [%[regs], #${off}]`;
      case 'riscv64':
        return `ld ${cell}, ${off}(%[regs])`;
      default:
        return `mov ${off}(%[regs]), %%${cell}`;
    }
  };
  const store = (cell: string, off: number) => {
    switch (arch.id) {
      case 'aarch64':
      case 'aarch32':
        return `str ${cell}, [%[regs], #${off}]`;
      case 'riscv64':
        return `sd ${cell}, ${off}(%[regs])`;
      default:
        return `mov %%${cell}, ${off}(%[regs])`;
    }
  };
  if (ops.some((o) => o.cell.startsWith('xmm') || isFramePointerX86(o.cell) || o.preloads.length)) {
    throw new Error(`${snippetId(plan)}: too many operands for the register form, and not supported in memory form`);
  }
  const I = '    ';
  const lines = [`void ${functionName(plan)}(unsigned long *out)`, '{'];
  lines.push(`${I}unsigned long regs[${regs.length}] = {`);
  ops.forEach((op) => {
    const note = op.input ? `${op.cell}: ${slotNote(op.input)}` : `${op.cell}: result`;
    lines.push(...withComment(`${I}${I}`, `${op.input ? cLiteral('unsigned long', op.input.value) : '0'},`, note));
  });
  lines.push(`${I}};`, '');
  const template = [
    ...ops.filter((o) => o.input).map((o) => load(o.cell, regs.indexOf(o.cell) * size)),
    ...trapLines(plan),
    ...ops.filter((o) => o.outputs.length).map((o) => store(o.cell, regs.indexOf(o.cell) * size)),
  ];
  const clobbers = [...regs, ...clobberCells].map((c) => `"${clobberName(arch, c)}"`);
  lines.push(...asmStatement(I, template, [], ['[regs] "r"(regs)'], [...clobbers, '"memory"']));
  plan.outputs.forEach((o, i) => {
    lines.push(...withComment(I, `out[${i}] = regs[${regs.indexOf(o.cell)}];`, `${o.register}: ${o.name}`));
  });
  lines.push('}');
  return lines;
}

// ---------------------------------------------------------------- Linux snippet

/** `lhs fn(a, b, c);`, one argument per line with its comment when they do not fit on one. */
function callLines(lhs: string, fn: string, args: readonly CArg[]): string[] {
  const flat = `${lhs}${fn}(${args.map((a) => a.expr).join(', ')});`;
  if (args.every((a) => !a.note) && flat.length <= SNIPPET_WIDTH) return [flat];
  const open = `${lhs}${fn}(`;
  const pad = ' '.repeat(open.length);
  const width = Math.max(...args.map((a, i) => a.expr.length + (i === args.length - 1 ? 2 : 1)));
  return args.flatMap((a, i) => {
    const code = `${i === 0 ? open : pad}${a.expr}${i === args.length - 1 ? ');' : ','}`;
    if (!a.note) return [code];
    const padded = code.padEnd(open.length + width);
    const room = SNIPPET_WIDTH - padded.length - 7;
    if (room < 12) return [...comment(a.note, pad), code];
    const n = clean(a.note);
    return [`${padded} /* ${n.length > room ? `${n.slice(0, room - 3)}...` : n} */`];
  });
}

/** A structure filled field by field, the comments in one column. */
function structLines(struct: NonNullable<LinuxCall['struct']>): string[] {
  const w = Math.max(...struct.fields.map((f) => f.expr.length));
  return [`${struct.declaration} = {`, ...struct.fields.flatMap((f) => withComment('    ', f.expr.padEnd(w), f.note)), '};'];
}

/** The family's description of the Linux call, laid out as C. */
function layOut(plan: Plan, c: LinuxCall): LinuxSnippet {
  const body = [`#include ${c.include}`, ''];
  if (c.struct) body.push(...structLines(c.struct));
  if (c.declarations?.length) body.push(...c.declarations, '');
  body.push(...callLines(c.assign ?? '', c.fn, c.args));
  if (c.after) body.push(...comment(c.after));
  const code = [...header(plan, `As Linux makes it, with ${c.fn}().`), ...body].join('\n');
  return { code: `${code}\n`, ...(c.note ? { note: clean(c.note) } : {}) };
}

/**
 * The call as the Linux kernel makes it, with the plan's values, as the
 * convention's family states it (catalog/<family>/linux.ts); undefined when
 * Linux has no helper for it (Hyper-V's 2019 hvc #1 ABI and Gunyah's 2022
 * immediate ABI were never merged; Linux makes no XMM fast Hyper-V call),
 * and the UI says so.
 */
export function linuxSnippet(cat: Catalog, plan: Plan): LinuxSnippet | undefined {
  const key = familyKeyOf(cat, 'conv', plan.convention.id);
  const call = key ? linuxHelpers[key]?.(plan) : undefined;
  return call && layOut(plan, call);
}

/** A view's Linux-style snippets, pane after pane, as the Share panel and the command line print them. */
export function viewLinuxC(cat: Catalog, plans: readonly Plan[]): string {
  return plans
    .map((p) => {
      const s = linuxSnippet(cat, p);
      if (!s) return `/* ${snippetId(p)}: Linux has no helper for this convention; see the inline-asm form. */\n`;
      return `${s.note ? `/* ${s.note} */\n` : ''}${s.code}`;
    })
    .join('\n');
}

/** A view's freestanding inline-asm snippets, pane after pane. */
export function viewAsmC(plans: readonly Plan[]): string {
  return plans.map(asmSnippet).join('\n');
}
