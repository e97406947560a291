#!/usr/bin/env node
// Compiles the freestanding inline-asm snippet of every call under every
// convention it fits (src/share/c-snippet.ts, loaded through Vite's module
// runner like the app's other modules), disassembles each object with
// objdump, and checks that the trap instruction is the one the app shows:
// plan.trap.instruction.text (mnemonic and immediate) and .hex (the word or
// the bytes). Architectures whose compiler is missing are reported as
// skipped and counted neither passed nor failed. Ends with one line,
// "N passed, N failed", counting snippets; exits non-zero if any failed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { COMMON, TOOLCHAINS, load, unavailable } from './toolchains.mjs';

const run = promisify(execFile);
const { catalog } = await load('./src/catalog/all.ts');
const lookup = await load('./src/catalog/index.ts');
const callsFor = (conv) => lookup.callsFor(catalog, conv);
const findConvention = (id) => lookup.findConvention(catalog, id);
const { marshal } = await load('./src/model/plan.ts');
const { asmSnippet, snippetId } = await load('./src/share/c-snippet.ts');

const dir = mkdtempSync(join(tmpdir(), 'trapscope-asm-'));

/** objdump -dr output as instructions: address, bytes (as printed), mnemonic, operands, relocations. */
function parseObjdump(text) {
  const insns = [];
  for (const line of text.split('\n')) {
    const reloc = line.match(/^\s+[0-9a-f]+:\s+(R_\S+)\s+(\S+)/);
    if (reloc && insns.length) {
      insns.at(-1).relocs.push({ type: reloc[1], target: reloc[2] });
      continue;
    }
    const m = line.match(/^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$/);
    if (!m) {
      // A continuation line of a long x86 instruction carries bytes only.
      const more = line.match(/^\s*[0-9a-f]+:\t([0-9a-f ]+?)\s*$/);
      if (more && insns.length) insns.at(-1).bytes += ` ${more[1].trim()}`;
      continue;
    }
    const asm = m[3]
      .replace(/\s*[#@/]+ .*$/, '')
      .replace(/<[^>]*>/g, '')
      .trim();
    const [mnemonic = '', ...rest] = asm.split(/\s+/);
    insns.push({ addr: parseInt(m[1], 16), bytes: m[2].trim(), mnemonic, operands: rest.join(' '), relocs: [] });
  }
  return insns;
}

const numbersIn = (s) => [...s.matchAll(/#?(0x[0-9a-f]+|\d+)\b/gi)].map((x) => BigInt(x[1]));
const norm = (s) => s.toLowerCase().replace(/\s+/g, '');
const X86_SIZE = /^(.+?)[bwlq]$/;

/** Does objdump's instruction read as the app's text? "in (%dx),%eax" for "inl (%dx), %eax". */
function sameInstruction(insn, text, arch) {
  const [want, ...wantOps] = text.trim().split(/\s+/);
  const got = insn.mnemonic;
  if (want === 'rep') {
    // "rep outsb": objdump prints "rep outsb %ds:(%rsi),(%dx)".
    return got === 'rep' && insn.operands.split(/\s+/)[0] === wantOps[0];
  }
  const mnemonicOk = got === want || (arch.startsWith('x86') && (X86_SIZE.exec(want)?.[1] === got || X86_SIZE.exec(got)?.[1] === want));
  if (!mnemonicOk) return false;
  const opsText = wantOps.join(' ');
  if (/^#/.test(opsText) || /^\d/.test(opsText)) {
    const a = numbersIn(opsText);
    const b = numbersIn(insn.operands);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return norm(opsText) === norm(insn.operands.replace(/\s+/g, ''));
}

/** Checks one object's disassembly against the plan; returns an error message or undefined. */
function checkTrap(plan, insns, arch) {
  const want = plan.trap.instruction;
  const enc = plan.convention.instruction.encoding;
  if (plan.convention.instruction.syntax?.template.includes('hypercall_page')) {
    // call hypercall_page+N: the displacement is relocated against the symbol.
    const m = want.text.match(/^call hypercall_page\+(0x[0-9a-f]+|\d+)$/i);
    if (!m) return `unexpected text ${want.text}`;
    const offset = BigInt(m[1]);
    const call = insns.find((i) => i.mnemonic.startsWith('call') && i.relocs.some((r) => r.target.startsWith('hypercall_page')));
    if (!call) return 'no call relocated against hypercall_page';
    const r = call.relocs.find((x) => x.target.startsWith('hypercall_page'));
    const addend = r.target.match(/([+-])0x([0-9a-f]+)$/);
    let got;
    if (addend) got = (addend[1] === '-' ? -1n : 1n) * BigInt(`0x${addend[2]}`) + 4n;
    else {
      // REL (i386): the addend is the displacement stored in the instruction.
      const disp = call.bytes.split(' ').slice(1, 5).reverse().join('');
      got = BigInt.asIntN(32, BigInt(`0x${disp}`)) + 4n;
    }
    if (got !== offset) return `call reaches hypercall_page+${got.toString(16)}, app shows +${offset.toString(16)}`;
    return undefined;
  }
  if (enc.kind === 'word') {
    const word = want.hex.toLowerCase().replace(/^0x/, '').padStart(8, '0');
    const hit = insns.find((i) => i.bytes.replace(/\s+/g, '').padStart(8, '0') === word);
    if (!hit) return `no instruction word ${want.hex} in the object`;
    if (!sameInstruction(hit, want.text, arch)) return `${want.hex} disassembles as "${hit.mnemonic} ${hit.operands}", app shows "${want.text}"`;
    return undefined;
  }
  const bytes = want.hex.toLowerCase();
  const hit = insns.find((i) => i.bytes === bytes);
  if (!hit) return `no instruction with bytes ${want.hex} in the object`;
  if (!sameInstruction(hit, want.text, arch)) return `${want.hex} disassembles as "${hit.mnemonic} ${hit.operands}", app shows "${want.text}"`;
  // Fixed narrower inputs set in the template (VMware's movw $0x5658, %dx) come right before the trap.
  for (const s of plan.inputs) {
    const earlier = plan.inputs.find((x) => x.cell === s.cell && x !== s);
    if (!earlier || plan.inputs.indexOf(earlier) > plan.inputs.indexOf(s)) continue;
    const before = insns[insns.indexOf(hit) - 1];
    const ok = before && before.mnemonic.startsWith('mov') && numbersIn(before.operands)[0] === s.value && before.operands.endsWith(`%${s.register}`);
    if (!ok) return `expected mov $${s.value.toString(16)}, %${s.register} before the trap`;
  }
  return undefined;
}

/** The Xen hypercall-page stub bytes the app shows must read mov $nr, %eax; vmcall|vmmcall; ret. */
async function checkPageStub(plan, arch) {
  const t = TOOLCHAINS[arch];
  const file = join(dir, `stub-${plan.convention.id}-${plan.call.id}.bin`);
  writeFileSync(file, Buffer.from(plan.trap.instruction.hex.split(' ').map((b) => parseInt(b, 16))));
  const machine = arch === 'x86' ? 'i386' : 'i386:x86-64';
  const { stdout } = await run(t.objdump, ['-D', '-b', 'binary', '-m', machine, file]);
  const insns = parseObjdump(stdout);
  const [mov, trap, ret] = insns;
  const nr = plan.callNumber;
  if (!mov || mov.mnemonic !== 'mov' || numbersIn(mov.operands)[0] !== nr || !mov.operands.endsWith('%eax')) return `stub does not start with mov $${nr}, %eax`;
  if (!trap || !['vmcall', 'vmmcall'].includes(trap.mnemonic)) return 'stub has no vmcall/vmmcall';
  if (!ret || !ret.mnemonic.startsWith('ret')) return 'stub does not end with ret';
  return undefined;
}

/** A call with 17 arguments and 18 results under SMCCC 1.2, past GCC's operand limit, to check the memory form. */
function wideSmccc12Plan() {
  const conv = findConvention('smccc-1.2-hvc64');
  const src = { title: 'Trapscope check-asm', where: 'synthetic wide call' };
  const call = {
    id: 'synthetic-smccc-1-2-wide',
    name: 'synthetic SMCCC 1.2 call using x0-x17',
    family: 'smccc',
    summary: 'check-asm only',
    number: { value: 0xc4000003n, stated: { value: 0xc4000003n, how: 'literal', source: src } },
    args: Array.from({ length: 17 }, (_, i) => ({ name: `a${i + 1}`, meaning: 'test', example: BigInt(i + 1), sources: [src] })),
    results: Array.from({ length: 18 }, (_, i) => ({ name: `r${i}`, meaning: 'test', example: 0n, exampleMeaning: 'test', sources: [src] })),
    handles: 'nothing.',
    returnsOnSuccess: true,
    sources: [src],
    notes: [],
  };
  return marshal(conv, call);
}

const plans = [];
for (const conv of catalog.conventions) for (const call of callsFor(conv)) plans.push(marshal(conv, call));
plans.push(wideSmccc12Plan());

const archs = [...new Set(plans.map((p) => p.convention.arch.id))];
const skipped = new Map();
for (const a of archs) {
  const why = unavailable(a, dir);
  if (why) skipped.set(a, why);
}

const tally = new Map(archs.map((a) => [a, { passed: 0, failed: 0, skipped: 0 }]));
const failures = [];

async function checkOne(plan, index) {
  const arch = plan.convention.arch.id;
  const t = TOOLCHAINS[arch];
  const base = join(dir, `${String(index).padStart(4, '0')}-${plan.convention.id}-${plan.call.id}`.replace(/[^A-Za-z0-9._-]/g, '_'));
  let code;
  try {
    code = asmSnippet(plan);
  } catch (e) {
    return `generator threw: ${e.message}`;
  }
  const bad = code.split('\n').find((l) => l.length > 100 || /[^\x20-\x7e]/.test(l));
  if (bad !== undefined) return `line not ASCII or over 100 columns: ${bad}`;
  writeFileSync(`${base}.c`, code);
  try {
    await run(t.cc, [...COMMON, ...t.flags, `${base}.c`, '-o', `${base}.o`]);
  } catch (e) {
    return `${t.cc} failed:\n${(e.stderr || e.message).trim()}`;
  }
  const { stdout } = await run(t.objdump, ['-dr', `${base}.o`]);
  const err = checkTrap(plan, parseObjdump(stdout), arch);
  if (err) return err;
  if (plan.convention.instruction.syntax?.template.includes('hypercall_page')) return checkPageStub(plan, arch);
  return undefined;
}

const queue = plans.map((plan, i) => ({ plan, i }));
async function worker() {
  for (let job = queue.shift(); job; job = queue.shift()) {
    const arch = job.plan.convention.arch.id;
    const t = tally.get(arch);
    if (skipped.has(arch)) {
      t.skipped += 1;
      continue;
    }
    const err = await checkOne(job.plan, job.i);
    if (err) {
      t.failed += 1;
      failures.push(`FAIL ${snippetId(job.plan)} (${arch}): ${err}`);
    } else t.passed += 1;
  }
}
await Promise.all(Array.from({ length: Math.max(1, Math.min(8, cpus().length)) }, worker));

for (const f of failures) console.log(f);
let passed = 0;
let failed = 0;
for (const [arch, t] of tally) {
  const tc = TOOLCHAINS[arch];
  if (skipped.has(arch)) console.log(`${arch}: skipped ${t.skipped} snippets: ${skipped.get(arch)}`);
  else console.log(`${arch}: ${t.passed} passed, ${t.failed} failed (${tc.cc} ${tc.flags.join(' ')})`.replace(' )', ')'));
  passed += t.passed;
  failed += t.failed;
}
if (failures.length === 0) rmSync(dir, { recursive: true, force: true });
else console.log(`sources kept in ${dir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
