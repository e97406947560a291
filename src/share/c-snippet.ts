import type { Architecture } from '../model/arch';
import { cellOf } from '../model/arch';
import { describeRegisters } from '../model/narration';
import type { Outcome, Plan, Slot } from '../model/plan';
import { formatHex } from '../model/value';
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

const hex = (v: bigint) => formatHex(v);

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

function slotNote(s: Slot): string {
  return s.kind === 'selector' ? `${s.name}: ${s.meaning}` : s.kind === 'fixed' ? `${s.name}` : s.name;
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
function constraintOf(arch: Architecture, op: Operand): { text: string; count: number } {
  const inout = op.input !== undefined && (op.outputs.length > 0 || op.lost || isFramePointerX86(op.cell));
  const mod = inout ? '+' : op.input ? '' : '=';
  let letter = 'r';
  if (isX86(arch)) {
    if (op.cell.startsWith('xmm')) letter = 'x';
    else letter = X86_LETTER[op.cell] ?? 'r';
  }
  return { text: `${mod}${letter}`, count: inout ? 2 : 1 };
}

function clobberName(arch: Architecture, cell: string): string {
  if (isX86(arch) && isFlags(cell)) return 'cc';
  return cell;
}

function trapLines(plan: Plan): string[] {
  const { convention: conv, trap } = plan;
  const arch = conv.arch;
  let text = trap.instruction.text;
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
    const operand = `${named}"${c.text}"(${op.name})`;
    if (c.text.startsWith('+') || c.text.startsWith('=')) outs.push(operand);
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
  if (conv.instruction.syntax?.template.includes('hypercall_page')) pre.push('extern unsigned char hypercall_page[];');
  const at = lines.findIndex((l) => l.startsWith('void '));
  if (pre.length) lines.splice(at, 0, ...pre, '');
  return `${lines.join('\n')}\n`;
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
  if (conv.instruction.syntax?.template.includes('hypercall_page')) {
    out.push(
      ...comment(
        'Xen hypercall page: this calls the stub Xen wrote at hypercall_page + nr * 32 (mov $nr, %eax; vmcall or vmmcall; ret), ' +
          'as the convention shows, rather than trapping inline; the guest must have registered the page (the MSR from CPUID ' +
          '0x40000002) and define the symbol. The same call without the page is the vmcall/vmmcall convention. Build with ' +
          '-mno-red-zone, as the kernel is: the call pushes a return address below the stack pointer.',
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
  if (/^rep /.test(conv.instruction.mnemonic)) {
    out.push(
      ...comment(
        `As in Linux's vmware_hypercall_hb_* wrappers, ECX, ESI and EDI are inputs only: the plan shows them kept. ` +
          `${conv.instruction.mnemonic} run without VMware's backdoor would advance them.`,
      ),
    );
  }
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

interface Arg {
  expr: string;
  note?: string;
}

/** `lhs fn(a, b, c);`, one argument per line with its comment when they do not fit on one. */
function callLines(lhs: string, fn: string, args: readonly Arg[]): string[] {
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

function inputOn(plan: Plan, register: string): Slot | undefined {
  return plan.inputs.find((s) => s.register === register || s.cell === register);
}

function valueOn(plan: Plan, register: string): bigint {
  return inputOn(plan, register)?.value ?? 0n;
}

function argOn(plan: Plan, register: string, fallback = 'unused'): Arg {
  const s = inputOn(plan, register);
  return { expr: hex(s?.value ?? 0n), note: s ? slotNote(s) : fallback };
}

/** The call number as the source's macro when the call's name is one (KVM_HC_KICK_CPU), else hex. */
function callNumberArg(plan: Plan): Arg {
  const macro = /^[A-Z][A-Z0-9_]+$/.test(plan.call.name) && plan.callNumberIsCatalog;
  return macro ? { expr: plan.call.name, note: hex(plan.callNumber) } : { expr: hex(plan.callNumber), note: plan.call.name };
}

function resultsComment(plan: Plan, where: (o: Outcome) => string): string[] {
  return comment(`Results: ${plan.outputs.map((o) => `${where(o)} = ${o.name}`).join('; ')}.`);
}

function snippet(plan: Plan, helper: string, body: string[], note?: string): LinuxSnippet {
  const code = [...header(plan, `As Linux makes it, with ${helper}.`), ...body].join('\n');
  return { code: `${code}\n`, ...(note ? { note: clean(note) } : {}) };
}

function regIndex(cell: string): number {
  return Number(cell.replace(/^[a-z]+/, ''));
}

type SmcccHelper = '1.0' | '1.1' | '1.2';

/** arm_smccc_hvc / arm_smccc_1_1_hvc / arm_smccc_1_2_hvc (or _smc) with the plan's registers. */
function smcccCall(plan: Plan, version: SmcccHelper, conduit: 'hvc' | 'smc', note?: string, include = '<linux/arm-smccc.h>'): LinuxSnippet {
  const maxIn = Math.max(0, ...plan.inputs.map((s) => regIndex(s.cell)));
  if (version === '1.2') {
    const fn = `arm_smccc_1_2_${conduit}`;
    const body = [`#include ${include}`, '', 'struct arm_smccc_1_2_regs args = {'];
    const sorted = [...plan.inputs].sort((a, b) => regIndex(a.cell) - regIndex(b.cell));
    const w = Math.max(...sorted.map((s) => `.a${regIndex(s.cell)} = ${hex(s.value)},`.length));
    for (const s of sorted) body.push(...withComment('    ', `.a${regIndex(s.cell)} = ${hex(s.value)},`.padEnd(w), slotNote(s)));
    body.push('};', 'struct arm_smccc_1_2_regs res;', '', `${fn}(&args, &res);`);
    body.push(...resultsComment(plan, (o) => `res.a${regIndex(o.cell)}`));
    return snippet(plan, `${fn}()`, body, note);
  }
  const fn = version === '1.0' ? `arm_smccc_${conduit}` : `arm_smccc_1_1_${conduit}`;
  const prefix = plan.convention.arch.id === 'aarch32' ? 'r' : 'x';
  const n = version === '1.0' ? 8 : maxIn + 1;
  const args: Arg[] = Array.from({ length: n }, (_, i) => argOn(plan, `${prefix}${i}`, version === '1.0' ? 'unused, 0' : 'unused'));
  args.push({ expr: '&res' });
  const body = [`#include ${include}`, '', 'struct arm_smccc_res res;', '', ...callLines('', fn, args)];
  body.push(...resultsComment(plan, (o) => `res.a${regIndex(o.cell)}`));
  return snippet(plan, `${fn}()`, body, note);
}

function smcccLinux(plan: Plan): LinuxSnippet | undefined {
  const conv = plan.convention;
  const conduit = conv.instruction.mnemonic === 'smc' ? 'smc' : 'hvc';
  const a32 = conv.arch.id === 'aarch32';
  if (conv.era === '1.0') {
    return smcccCall(
      plan,
      '1.0',
      conduit,
      `arm_smccc_${conduit}() calls the out-of-line __arm_smccc_${conduit} (smccc-call.S): a function call, so the compiler already ` +
        'treats x4-x17 (r0-r3, ip on Arm) as clobbered, which SMCCC 1.0 allows. arm_smccc_1_1_* would assume they survive.',
    );
  }
  if (conv.era === '1.1') {
    return smcccCall(
      plan,
      '1.1',
      conduit,
      `arm_smccc_1_1_${conduit}() is inline asm in <linux/arm-smccc.h>; Linux usually reaches it through arm_smccc_1_1_invoke(), which picks hvc or smc from the PSCI conduit.`,
    );
  }
  if (!a32) {
    return smcccCall(plan, '1.2', conduit, `arm_smccc_1_2_${conduit}() (arch/arm64/kernel/smccc-call.S) loads x0-x17 from args and stores x0-x17 to res.`);
  }
  if (plan.outputs.some((o) => regIndex(o.cell) > 3)) return undefined;
  return smcccCall(
    plan,
    '1.1',
    conduit,
    `Linux has arm_smccc_1_2_${conduit}() on arm64 only; on 32-bit Arm arm_smccc_1_1_${conduit}() makes the same call when, as here, the results fit in r0-r3.`,
  );
}

function hypervLinux(plan: Plan): LinuxSnippet | undefined {
  const conv = plan.convention;
  const call = plan.call;
  const FAST = 1n << 16n;
  if (conv.family === 'hyperv-arm64-2019') return undefined;
  const a64 = conv.family === 'hyperv-arm64';
  const control = conv.arch.id === 'x86' ? (valueOn(plan, 'edx') << 32n) | valueOn(plan, 'eax') : plan.callNumber;
  const argRegs = a64 ? ['x2', 'x3'] : conv.arch.id === 'x86' ? [] : ['rdx', 'r8'];
  const include = '<asm/mshyperv.h>';
  const fast = (control & FAST) !== 0n;
  const name = callNumberArg(plan).note;
  const vpreg = call.id.endsWith('vp-registers');
  if (a64 && vpreg && call.id.includes('get')) {
    return smcccCall(
      plan,
      '1.2',
      'hvc',
      'As hv_get_vpreg_128() in arch/arm64/hyperv/hv_core.c: "Use the SMCCC 1.2 interface because the results are in registers beyond X0-X3." It returns res.a6 and res.a7 as the 128-bit value.',
      include,
    );
  }
  if (a64 && vpreg) {
    return smcccCall(plan, '1.1', 'hvc', 'As hv_set_vpreg() in arch/arm64/hyperv/hv_core.c makes it.', include);
  }
  if (plan.inputs.some((s) => s.cell.startsWith('xmm'))) return undefined;
  const body = [`#include ${include}`, ''];
  if (!fast) {
    const inputAddr = conv.arch.id === 'x86' ? (valueOn(plan, 'ebx') << 32n) | valueOn(plan, 'ecx') : valueOn(plan, argRegs[0]!);
    const outputAddr = conv.arch.id === 'x86' ? (valueOn(plan, 'edi') << 32n) | valueOn(plan, 'esi') : valueOn(plan, argRegs[1]!);
    body.push(
      ...callLines('u64 status = ', 'hv_do_hypercall', [
        { expr: hex(control), note: `control: ${name}` },
        { expr: 'input', note: `virt_to_phys(input) = ${hex(inputAddr)}` },
        { expr: outputAddr === 0n ? 'NULL' : 'output', note: outputAddr === 0n ? 'no output page' : `virt_to_phys(output) = ${hex(outputAddr)}` },
      ]),
    );
    body.push(...comment('status & HV_HYPERCALL_RESULT_MASK is the HV_STATUS (HV_STATUS_SUCCESS = 0).'));
    return snippet(plan, 'hv_do_hypercall()', body, 'hv_do_hypercall(control, input, output) passes the physical addresses of the input and output pages.');
  }
  const code = control & 0xffffn;
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = args.length > 1 ? 'hv_do_fast_hypercall16' : 'hv_do_fast_hypercall8';
  const callArgs: Arg[] = [{ expr: hex(code), note: `code: ${name}` }, ...args.map((s) => ({ expr: hex(s.value), note: slotNote(s) }))];
  body.push(...callLines('u64 status = ', fn, callArgs));
  let note = `${fn}(code, ...) sets control = code | HV_HYPERCALL_FAST_BIT (bit 16).`;
  if (control !== (code | FAST)) note += ` The control word shown, ${hex(control)}, has other bits set, which ${fn} cannot pass.`;
  if (conv.id === 'hyperv-x64-xmm-fast') note += ' Linux has no XMM fast wrapper; this call uses no XMM register, so it is the plain fast call.';
  return snippet(plan, `${fn}()`, body, note);
}

function kvmLinux(plan: Plan): LinuxSnippet {
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = `kvm_hypercall${args.length}`;
  const body = [
    '#include <asm/kvm_para.h>',
    '',
    ...callLines('long ret = ', fn, [callNumberArg(plan), ...args.map((s) => ({ expr: hex(s.value), note: s.name }))]),
  ];
  return snippet(
    plan,
    `${fn}()`,
    body,
    `${fn}() runs KVM_HYPERCALL, patched at boot to vmcall or vmmcall (X86_FEATURE_VMMCALL); TDX guests go through tdx_kvm_hypercall() instead.`,
  );
}

const XEN_OPS: Record<string, { fn: string; params: readonly ('int' | 'ptr' | 'char')[] }> = {
  'xen-version': { fn: 'xen_version', params: ['int', 'ptr'] },
  'xen-console-io': { fn: 'console_io', params: ['int', 'int', 'char'] },
  'xen-sched-op': { fn: 'sched_op', params: ['int', 'ptr'] },
  'xen-event-channel-op': { fn: 'event_channel_op', params: ['int', 'ptr'] },
  'xen-hvm-op': { fn: 'hvm_op', params: ['int', 'ptr'] },
  'xen-memory-op': { fn: 'memory_op', params: ['int', 'ptr'] },
  'xen-grant-table-op': { fn: 'grant_table_op', params: ['int', 'ptr', 'int'] },
  'xen-vcpu-op': { fn: 'vcpu_op', params: ['int', 'int', 'ptr'] },
};

function xenLinux(plan: Plan): LinuxSnippet | undefined {
  const op = XEN_OPS[plan.call.id];
  if (!op) return undefined;
  const args = plan.inputs.filter((s) => s.kind === 'argument');
  const fn = `HYPERVISOR_${op.fn}`;
  const callArgs = op.params.map((p, i): Arg => {
    const s = args[i];
    const v = s?.value ?? 0n;
    const expr = p === 'int' ? hex(v) : v === 0n ? 'NULL' : `(${p === 'char' ? 'char' : 'void'} *)${hex(v)}`;
    return { expr, note: s?.name };
  });
  const conv = plan.convention;
  const body = ['#include <asm/xen/hypercall.h>', '', ...callLines('int rc = ', fn, callArgs)];
  const note =
    conv.arch.id === 'aarch64' || conv.arch.id === 'aarch32'
      ? `On Arm ${fn} is an assembly stub (HYPERCALL${op.params.length} in arch/${conv.arch.id === 'aarch64' ? 'arm64' : 'arm'}/xen/hypercall.S): ` +
        `mov ${conv.selector}, #__HYPERVISOR_${op.fn}; hvc #0xEA1.`
      : conv.instruction.syntax
        ? `${fn} expands to _hypercall${op.params.length}(), which in kernels with a hypercall page calls hypercall_page + __HYPERVISOR_${op.fn} * 32.`
        : `${fn} expands to _hypercall${op.params.length}(); current kernels reach ${conv.instruction.mnemonic} through the static call ` +
          `xen_hypercall_${conv.instruction.mnemonic === 'vmcall' ? 'intel' : 'amd'} instead of the hypercall page.`;
  return snippet(plan, `${fn}()`, body, note);
}

function vmwareLinux(plan: Plan): LinuxSnippet | undefined {
  const v = (r: string) => valueOn(plan, r);
  const cmd = callNumberArg(plan);
  const a64 = plan.convention.arch.id === 'aarch64';
  const noPort = (x: bigint) => x & ~0xffffn;
  let fn: string;
  const lhs = 'out0 = ';
  let args: Arg[];
  let decl: string[];
  switch (plan.call.id) {
    case 'vmware-getversion':
    case 'vmware-gethz':
      fn = 'vmware_hypercall3';
      decl = ['u32 out1, out2;', 'unsigned long out0;'];
      args = [cmd, { expr: hex(v('ebx')), note: 'in1' }, { expr: '&out1' }, { expr: '&out2' }];
      break;
    case 'vmware-getvcpu-info':
      fn = 'vmware_hypercall1';
      decl = ['unsigned long out0;'];
      args = [cmd, { expr: hex(v('ebx')), note: 'in1' }];
      break;
    case 'vmware-stealclock':
      fn = 'vmware_hypercall5';
      decl = ['u32 out2;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('ebx')), note: 'in1' },
        { expr: hex(v('edx')), note: 'in3' },
        { expr: hex(v('esi')), note: 'in4: addr_hi' },
        { expr: hex(v('edi')), note: 'in5: addr_lo' },
        { expr: '&out2' },
      ];
      break;
    case 'vmware-rpc-hb-send-payload':
    case 'vmware-rpc-hb-recv-payload': {
      const out = plan.call.id.includes('send');
      fn = out ? 'vmware_hypercall_hb_out' : 'vmware_hypercall_hb_in';
      decl = ['u32 out1;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('ecx')), note: 'in2' },
        { expr: hex(noPort(v('edx'))), note: 'in3; the wrapper ORs in the port 0x5659' },
        { expr: hex(v(out ? 'rsi' : 'esi')), note: out ? 'in4: msg' : 'in4: cookie_high' },
        { expr: hex(v(out ? 'edi' : 'rdi')), note: out ? 'in5: cookie_low' : 'in5: reply' },
        { expr: hex(v('ebp')), note: out ? 'in6: cookie_high' : 'in6: cookie_low' },
        { expr: '&out1' },
      ];
      break;
    }
    case 'vmware-arm64-rpc-open-channel':
      fn = 'vmware_hypercall6';
      decl = ['u32 out2, out3, out4, out5;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('x1')), note: 'in1' },
        { expr: hex(noPort(v('x3'))), note: 'in3; the wrapper ORs in the port 0x5658' },
        { expr: '&out2' },
        { expr: '&out3' },
        { expr: '&out4' },
        { expr: '&out5' },
      ];
      break;
    case 'vmware-arm64-rpc-close-channel':
      fn = 'vmware_hypercall5';
      decl = ['u32 out2;', 'unsigned long out0;'];
      args = [
        cmd,
        { expr: hex(v('x1')), note: 'in1' },
        { expr: hex(noPort(v('x3'))), note: 'in3: channel id << 16; the wrapper ORs in the port' },
        { expr: hex(v('x4')), note: 'in4: cookie_high' },
        { expr: hex(v('x5')), note: 'in5: cookie_low' },
        { expr: '&out2' },
      ];
      break;
    default:
      return undefined;
  }
  const include = a64 ? '"vmwgfx_msg_arm64.h"' : '<asm/vmware.h>';
  const body = [`#include ${include}`, '', ...decl, '', ...callLines(lhs, fn, args)];
  const note = a64
    ? `${fn}() is defined in drivers/gpu/drm/vmwgfx/vmwgfx_msg_arm64.h (vmwgfx only): it loads x0 = magic, x7 = the x86 I/O descriptor and runs mrs xzr, mdccsr_el0.`
    : fn.startsWith('vmware_hypercall_hb')
      ? `${fn}() always runs ${plan.convention.instruction.mnemonic} on port 0x5659, with in6 moved into EBP around it.`
      : `${fn}() runs VMWARE_HYPERCALL, patched at boot to port I/O (inl), vmcall or vmmcall from CPUID 0x40000010.`;
  return snippet(plan, `${fn}()`, body, note);
}

function riscvLinux(plan: Plan): LinuxSnippet {
  const ext = argOn(plan, 'a7');
  const legacy = plan.convention.family === 'riscv-sbi-legacy';
  const fid = legacy ? { expr: '0', note: 'fid: not read by legacy calls' } : argOn(plan, 'a6');
  const args: Arg[] = [{ expr: ext.expr, note: `ext: ${plan.call.name}` }, fid];
  for (let i = 0; i < 6; i++) {
    const s = inputOn(plan, `a${i}`);
    args.push(s ? { expr: hex(s.value), note: s.name } : { expr: '0' });
  }
  const body = ['#include <asm/sbi.h>', '', ...callLines('struct sbiret ret = ', 'sbi_ecall', args)];
  body.push(...comment(`Results: ${plan.outputs.map((o) => `ret.${o.register === 'a0' ? 'error' : 'value'} (${o.register}) = ${o.name}`).join('; ')}.`));
  const note = legacy
    ? 'Linux makes the v0.1 calls with sbi_ecall(SBI_EXT_0_1_..., 0, arg0, ...), which also loads a6 = 0 and a1-a5; a legacy SBI reads only a7 and a0-a3.'
    : 'sbi_ecall(ext, fid, arg0..arg5) in arch/riscv/kernel/sbi.c loads a7 = ext, a6 = fid and a0-a5, and returns a0 (error) and a1 (value).';
  return snippet(plan, 'sbi_ecall()', body, note);
}

function gunyahLinux(plan: Plan): LinuxSnippet | undefined {
  if (plan.convention.family !== 'gunyah-smccc') return undefined;
  const uses12 = plan.call.notes.some((n) => n.text.includes('arm_smccc_1_2_hvc'));
  return smcccCall(
    plan,
    uses12 ? '1.2' : '1.1',
    'hvc',
    'As the Gunyah driver makes it (arch/arm64/gunyah/gunyah_hypercall.c, read in a vendor tree; probably never in a mainline release).',
  );
}

function hypstubLinux(plan: Plan): LinuxSnippet | undefined {
  const conv = plan.convention;
  const id = plan.call.id;
  const a64 = conv.arch.id === 'aarch64';
  const S = a64 ? 'arch/arm64/kernel/hyp-stub.S' : 'arch/arm/kernel/hyp-stub.S';
  const stub = (fn: string, args: Arg[], ret: string, note: string) =>
    snippet(plan, `${fn}()`, ['#include <asm/virt.h>', '', ...callLines(ret, fn, args)], note);
  const vectors = (reg: string): Arg => ({ expr: hex(valueOn(plan, reg)), note: 'physical address of the new vectors' });
  if (id.endsWith('-set-vectors')) {
    const pre = conv.family.endsWith('pre-4.12');
    const reg = pre && !a64 ? 'r0' : a64 ? 'x1' : 'r1';
    const how =
      pre && !a64
        ? 'it traps with r0 = the new HVBAR'
        : a64
          ? 'mov x1, x0; mov x0, #HVC_SET_VECTORS; hvc #0'
          : 'mov r1, r0; mov r0, #HVC_SET_VECTORS; __HVC(0)';
    return stub('__hyp_set_vectors', [vectors(reg)], '', `__hyp_set_vectors() is assembly in ${S}: ${how}.`);
  }
  if (id.endsWith('-get-vectors')) return stub('__hyp_get_vectors', [], 'phys_addr_t vectors = ', `__hyp_get_vectors() is assembly in ${S}.`);
  if (id === 'hypstub-arm64-reset-vectors') return stub('__hyp_reset_vectors', [], '', `__hyp_reset_vectors() is assembly in ${S}.`);
  if (id === 'hypstub-arm64-finalise-el2') return stub('finalise_el2', [], '', `finalise_el2() is assembly in ${S}: mov x0, #HVC_FINALISE_EL2; hvc #0.`);
  if (id === 'hypstub-arm32-soft-restart') {
    return stub(
      '__hyp_soft_restart',
      [{ expr: hex(valueOn(plan, 'r1')), note: 'entry' }],
      '',
      `__hyp_soft_restart() is assembly in ${S}: mov r1, r0; mov r0, #HVC_SOFT_RESTART; __HVC(0).`,
    );
  }
  if (id === 'hypstub-arm64-soft-restart') {
    return stub(
      'cpu_soft_restart',
      [
        { expr: hex(valueOn(plan, 'x1')), note: 'entry' },
        { expr: hex(valueOn(plan, 'x2')), note: 'arg0' },
        { expr: hex(valueOn(plan, 'x3')), note: 'arg1' },
        { expr: hex(valueOn(plan, 'x4')), note: 'arg2' },
      ],
      '',
      'cpu_soft_restart() (arch/arm64/kernel/cpu-reset.h in kernels that have it) calls __cpu_soft_restart(el2_switch, entry, arg0, arg1, arg2), ' +
        'which makes HVC_SOFT_RESTART with x1-x4 in place when el2_switch is set; later kexec reworks pass 0 there and then moved the routine into assembly.',
    );
  }
  return undefined;
}

/**
 * The call as the Linux kernel makes it, with the plan's values; undefined
 * when Linux has no helper for this convention (Hyper-V's 2019 hvc #1 ABI and
 * Gunyah's 2022 immediate ABI were never merged; Linux makes no XMM fast
 * Hyper-V call), and the UI says so.
 */
export function linuxSnippet(plan: Plan): LinuxSnippet | undefined {
  const fam = plan.convention.family;
  if (fam === 'smccc') return smcccLinux(plan);
  if (fam.startsWith('hyperv')) return hypervLinux(plan);
  if (fam === 'kvm-x86') return kvmLinux(plan);
  if (fam === 'xen') return xenLinux(plan);
  if (fam.startsWith('vmware-backdoor')) return vmwareLinux(plan);
  if (fam.startsWith('riscv-sbi')) return riscvLinux(plan);
  if (fam.startsWith('gunyah')) return gunyahLinux(plan);
  if (fam.startsWith('hypstub')) return hypstubLinux(plan);
  if (fam === 'pkvm-host') {
    return smcccCall(
      plan,
      '1.1',
      'hvc',
      `kvm_call_hyp_nvhe(${plan.call.name}, ...) (arch/arm64/include/asm/kvm_host.h) expands to this arm_smccc_1_1_hvc() with KVM_HOST_SMCCC_FUNC(${plan.call.name}) in x0, ` +
        'then WARN_ON(res.a0 != SMCCC_RET_SUCCESS) and yields res.a1.',
    );
  }
  return undefined;
}

/** A view's Linux-style snippets, pane after pane, as the Share panel and the command line print them. */
export function viewLinuxC(plans: readonly Plan[]): string {
  return plans
    .map((p) => {
      const s = linuxSnippet(p);
      if (!s) return `/* ${snippetId(p)}: Linux has no helper for this convention; see the inline-asm form. */\n`;
      return `${s.note ? `/* ${s.note} */\n` : ''}${s.code}`;
    })
    .join('\n');
}

/** A view's freestanding inline-asm snippets, pane after pane. */
export function viewAsmC(plans: readonly Plan[]): string {
  return plans.map(asmSnippet).join('\n');
}
