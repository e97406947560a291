import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../../catalog';
import { cellOf } from '../../model/arch';
import { callFits } from '../../model/call';
import type { BitLayout } from '../../model/bits';
import { marshal, type Plan } from '../../model/plan';
import { maxFor } from '../../model/value';
import { CUSTOM_SOURCE } from './build';
import { blankDefinition, copyOfBuiltIn, decodeCustom, type CustomDefinition, type FieldError } from './decode';
import { ghcbLike, gunyahLike, smcccHvc64 } from './fixtures';
import { ARCH_IDS } from './schema';
import { ARCHITECTURES } from './architectures';
import { catalog } from '../../catalog/all';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function ok(input: unknown) {
  const r = decodeCustom(input);
  if (!r.ok) throw new Error(`expected a valid definition, got ${JSON.stringify(r.errors, null, 2)}`);
  return r;
}

function errorsOf(input: unknown): FieldError[] {
  const r = decodeCustom(input);
  if (r.ok) throw new Error('expected errors, the definition decoded');
  return r.errors;
}

/** The definition with one change made by `edit`. */
function edited(base: () => Json, edit: (d: Json) => void): Json {
  const d = base();
  edit(d);
  return d;
}

/** A bit-field layout as drawn: its fields' bits and names, without ids and sources. */
const layoutView = (l: BitLayout | undefined) => l && [l.name, l.bits, l.fields.map((f) => [f.key, f.name, f.hi, f.lo, f.names ?? null, f.mustBe ?? null])];

/** What the reader sees of a plan, without the sources and sentences that differ by design. */
function registerView(p: Plan) {
  return {
    callNumber: p.callNumber,
    inputs: p.inputs.map((s) => [s.register, s.cell, s.kind, s.value, layoutView(s.layout)]),
    // Cut to the register: the catalog writes PSCI SYSTEM_RESET2 (32)'s example -1 64 bits wide for w0; a copy cannot.
    outputs: p.outputs.map((o) => [o.register, o.cell, o.value & maxFor(cellOf(p.convention.arch, o.register)!.bits), layoutView(o.layout)]),
    cells: p.convention.arch.registers.map((r) => [r.name, r.bits, r.msr ? [r.msr.index, r.msr.name] : null]),
    memory: p.memory.map((m) => ({
      address: m.address,
      carrier: m.carrier,
      area: [m.arg.name, m.arg.where ?? null, m.arg.buffer ?? null, m.arg.size, m.arg.direction],
      fields: m.arg.fields.map((f) => [f.name, f.offset, f.bytes, f.direction, f.meaning, f.example, f.result, f.resultMeaning, f.selects]),
    })),
    memoryAfter: p.steps.at(-1)!.memory ?? null,
    lost: p.lost,
    preserved: p.preserved,
    trap: [p.trap.instruction, p.trap.from, p.trap.to, p.trap.syndrome?.value],
    roles: Object.values(p.steps.at(-1)!.cells).map((c) => [c.cell, c.label, c.role]),
    path: p.path && {
      lanes: p.path.lanes.map((l) => [l.level, l.world]),
      hops: p.path.hops.map((h) => [
        h.level,
        h.world,
        h.enter.how === 'trap' ? [h.enter.instruction.hex, h.enter.syndrome?.register, h.enter.syndrome?.value] : h.enter.what,
        h.receives,
        h.passes?.cells,
      ]),
    },
  };
}

function marshalAll(r: ReturnType<typeof ok>): Plan[] {
  const conv = r.family.conventions[0]!;
  return r.family.calls.map((c) => marshal(conv, c));
}

describe('valid definitions', () => {
  it('a user-written SMCCC 1.1 HVC64 with PSCI CPU_ON makes the built-in plan', () => {
    const r = ok(smcccHvc64());
    const [conv] = r.family.conventions;
    const [call] = r.family.calls;
    expect(conv).toMatchObject({
      id: 'custom-my-smccc-hvc64',
      family: 'custom-my-smccc-hvc64',
      familyName: 'Custom: My SMCCC 1.1 HVC64',
      sources: [CUSTOM_SOURCE],
      roleSources: { args: [CUSTOM_SOURCE], results: [CUSTOM_SOURCE], clobbered: [CUSTOM_SOURCE], preserved: [CUSTOM_SOURCE] },
    });
    expect(conv!.notes).toEqual([expect.objectContaining({ kind: 'unconfirmed', text: expect.stringMatching(/user-written/) })]);
    expect(call).toMatchObject({
      id: 'custom-my-smccc-hvc64-cpu-on',
      family: 'custom-my-smccc-hvc64',
      number: { value: 0xc4000003n, stated: { value: 0xc4000003n, how: 'literal', source: CUSTOM_SOURCE } },
    });
    const mine = marshal(conv!, call!, { x1: 0x101n });
    const builtIn = marshal(requireConvention(catalog, 'smccc-1.1-hvc64'), requireCall(catalog, 'psci-cpu-on-64'), { x1: 0x101n });
    expect(registerView(mine)).toEqual(registerView(builtIn));
    // The convention and call cite only the custom source; the trap keeps the instruction's own sources.
    expect(mine.sources).toContainEqual(CUSTOM_SOURCE);
    expect(mine.sources.filter((s) => s.title.startsWith('Custom'))).toEqual([CUSTOM_SOURCE]);
  });

  it('a Gunyah-2022-like convention: the immediate selects the call', () => {
    const r = ok(gunyahLike());
    const plans = marshalAll(r);
    expect(plans.map((p) => p.trap.instruction.text)).toEqual(['hvc #0x6000', 'hvc #0x6012']);
    expect(plans[0]!.trap.syndrome!.fields.ISS).toBe(0x6000n);
    expect(plans[1]!.inputs.map((s) => [s.register, s.value])).toEqual([
      ['x0', 0x10n],
      ['x1', 0x1n],
    ]);
    expect(plans[1]!.lost).toEqual(expect.arrayContaining(['x8', 'x17', 'x2']));
    expect(plans[1]!.preserved).toContain('x18');
  });

  it('a blank definition decodes on every architecture', () => {
    for (const arch of ARCH_IDS) expect(ok(blankDefinition(arch)).family.calls).toEqual([]);
  });

  it('names are kept as plain strings, script and all', () => {
    const script = '<script>alert(1)</script>';
    const d = edited(smcccHvc64, (d) => {
      d.convention.name = script;
      d.calls[0].name = script;
      d.calls[0].args[0].meaning = `"><img src=x onerror=alert(1)>`;
    });
    const r = ok(d);
    expect(r.family.conventions[0]!.name).toBe(script);
    expect(r.family.conventions[0]!.familyName).toBe(`Custom: ${script}`);
    expect(r.family.calls[0]!.name).toBe(script);
    expect(r.definition.calls[0]!.args[0]!.meaning).toBe(`"><img src=x onerror=alert(1)>`);
    // As an id it is refused rather than escaped: ids go into links.
    expect(errorsOf(edited(smcccHvc64, (d) => (d.convention.id = script)))[0]!.path).toBe('convention.id');
  });

  it('register names are read case-insensitively and stored as the architecture writes them', () => {
    const r = ok(edited(smcccHvc64, (d) => (d.convention.selector = 'X0')));
    expect(r.family.conventions[0]!.selector).toBe('x0');
  });
});

describe('MSR cells, bit-fields and memory', () => {
  it('a GHCB-like definition draws its MSR after the registers, its request as a bit-field and its page beside them', () => {
    const r = ok(ghcbLike());
    const conv = r.family.conventions[0]!;
    expect(conv.arch.registers.at(-1)).toMatchObject({ name: 'ghcb_msr', bits: 64, msr: { index: 0xc0010130, name: 'MSR_AMD64_SEV_ES_GHCB' } });
    expect(conv.selectedBy).toBe('GHCBInfo (bits 11:0 of the GHCB MSR)');
    const [cpuid, page] = marshalAll(r);
    expect(cpuid!.callNumber).toBe(4n);
    expect(cpuid!.inputs.map((x) => [x.cell, x.value, x.layout?.fields.map((f) => `${f.key} ${f.hi}:${f.lo}`)])).toEqual([
      ['ghcb_msr', 0x8000001f40000004n, ['fn 63:32', 'reg 31:30', 'info 11:0']],
    ]);
    expect(cpuid!.outputs[0]!.layout?.name).toBe('CPUID response');
    expect(page!.memory).toHaveLength(1);
    expect(page!.memory[0]).toMatchObject({ address: 0x7f123000n, carrier: 'ghcb_msr', arg: { name: 'GHCB page', size: 4096, direction: 'inout' } });
    expect(page!.memory[0]!.arg.fields.map((f) => [f.name, f.offset, f.bytes])).toEqual([
      ['rax', 0x1f8, 8],
      ['rbx', 792, 8],
      ['sw_exit_code', 912, 8],
      ['valid_bitmap', 1008, 16],
    ]);
    expect(page!.steps.at(-1)!.memory!.values).toMatchObject({ '0:rbx': 0x33n, '0:sw_exit_code': 0x72n });
  });

  it('an MSR cell the schema refuses is the only error: the registers that name it wait for it', () => {
    expect(problems(ghcbLike, (d) => (d.convention.msrs[0].index = '-1')).map((e) => e.path)).toEqual(['convention.msrs[0].index']);
  });

  it('a definition without the new fields decodes as before: they are all optional', () => {
    const r = ok(smcccHvc64());
    expect(r.family.conventions[0]!.arch).toBe(ARCHITECTURES.aarch64);
    expect(r.family.calls[0]!.memory).toBeUndefined();
  });
});

describe('copies of built-in conventions', () => {
  // Every built-in convention, with every call that fits it, copied and decoded: the same plan, register for register.
  for (const conv of catalog.conventions) {
    it(`${conv.id} copies into a definition that makes the same plans`, () => {
      const calls = catalog.calls.filter((c) => callFits(conv, c));
      const def = copyOfBuiltIn(conv, calls);
      const r = ok(JSON.parse(JSON.stringify(def)));
      const mine = r.family.conventions[0]!;
      expect(r.family.calls).toHaveLength(calls.length);
      // The levels too: a copy of a convention whose calls cross several (Arm CCA, FF-A) carries its path, except where a
      // mask argument selects what a level hands on (TDX's VMCALL), which the format cannot say: that copy is a single hop.
      const masked = [conv.path?.fromPasses, ...[...(conv.path?.out ?? []), ...(conv.path?.back ?? [])].map((h) => h.passes)].some((x) => x?.kind === 'mask');
      expect(mine.path === undefined).toBe(conv.path === undefined || masked);
      const view = (p: Plan) => (masked ? { ...registerView(p), path: undefined } : registerView(p));
      calls.forEach((c, i) => {
        expect(view(marshal(mine, r.family.calls[i]!))).toEqual(view(marshal(conv, c)));
      });
    });
  }

  it('a copy of either SEV-ES protocol draws the GHCB MSR as a cell, with every request and response as its bit-field and the GHCB page as memory', () => {
    for (const id of ['sev-es-ghcb-msr', 'sev-es-ghcb-page']) {
      const conv = requireConvention(catalog, id);
      const calls = catalog.calls.filter((c) => callFits(conv, c));
      const def = copyOfBuiltIn(conv, calls);
      expect(def.convention).toMatchObject({ arch: 'x86-64', instruction: 'vmgexit', selector: null, selectedBy: conv.selectedBy });
      expect(def.convention.msrs).toEqual([{ register: 'ghcb_msr', index: '0xC0010130', name: 'MSR_AMD64_SEV_ES_GHCB' }]);
      const r = ok(JSON.parse(JSON.stringify(def)));
      calls.forEach((c, i) => {
        const [mine, theirs] = [marshal(r.family.conventions[0]!, r.family.calls[i]!), marshal(conv, c)];
        const msr = (p: Plan) => p.inputs.find((x) => x.cell === 'ghcb_msr')!;
        expect(msr(mine).value).toBe(msr(theirs).value);
        expect(layoutView(msr(mine).layout)).toEqual(layoutView(msr(theirs).layout));
        expect(mine.outputs.map((o) => [o.value, layoutView(o.layout)])).toEqual(theirs.outputs.map((o) => [o.value, layoutView(o.layout)]));
        expect(mine.memory.map((m) => [m.address, m.carrier, m.arg.fields.length])).toEqual(
          theirs.memory.map((m) => [m.address, m.carrier, m.arg.fields.length]),
        );
      });
    }
  });

  it('a copy draws the entry its instruction has whoever takes it, a VM exit under an unnamed VMM, and none for a host’s own instruction', () => {
    const copy = (id: string) => ok(JSON.parse(JSON.stringify(copyOfBuiltIn(requireConvention(catalog, id), [])))).family.conventions[0]!;
    for (const id of ['smccc-1.1-hvc64', 'smccc-1.1-smc32-aarch32', 'riscv-sbi', 'tdx-tdcall', 'sev-es-ghcb-msr'])
      expect(copy(id).exception, id).toBe(requireConvention(catalog, id).exception);
    const exit = copy('kvm-x86-vmcall').exception!;
    expect(exit.destination.kind === 'register' && exit.destination.why).toMatch(/the exit handler the VMM wrote there/);
    expect(JSON.stringify(exit)).not.toMatch(/KVM points|KVM adds/);
    expect(copy('xen-x86-64-hypercall-page').exception).toBeUndefined();
    expect(copy('kvm-x86-vmcall').handlerPath).toBeUndefined();
  });

  it('a copy whose roles change says that its prose was written for the original', () => {
    const copy = copyOfBuiltIn(requireConvention(catalog, 'gunyah-2022-hvc-imm'), catalog.calls);
    expect(copy.convention.copiedFrom).toMatchObject({ id: 'gunyah-2022-hvc-imm', name: requireConvention(catalog, 'gunyah-2022-hvc-imm').name });
    expect(ok(copy).family.conventions[0]!.notes).toHaveLength(1);
    const changed = edited(
      () => structuredClone(copy) as Json,
      (d) => ((d.convention.selector = 'x0'), (d.convention.imm = 0), (d.convention.args = d.convention.args.slice(1))),
    );
    changed.calls = [];
    const notes = ok(changed).family.conventions[0]!.notes;
    expect(notes[1]!.text).toBe(
      `Copied from ${copy.convention.copiedFrom!.name}, then changed (immediate, selector register, argument registers). Its summary, selector name and call descriptions were written for ${copy.convention.copiedFrom!.name} and may not describe this convention.`,
    );
    // Once the reader has rewritten the prose, dropping the mark drops the note.
    delete changed.convention.copiedFrom;
    expect(ok(changed).family.conventions[0]!.notes).toHaveLength(1);
  });

  it('leaves out calls that do not fit the convention', () => {
    const def = copyOfBuiltIn(requireConvention(catalog, 'smccc-1.1-hvc32'), [requireCall(catalog, 'psci-cpu-on-64'), requireCall(catalog, 'psci-cpu-on-32')]);
    expect(def.calls.map((c) => c.number)).toEqual(['0x84000003']);
  });
});

/** The errors for one change, as [path, message] pairs. */
function problems(base: () => Json, edit: (d: Json) => void): FieldError[] {
  return errorsOf(edited(base, edit));
}

describe('invalid definitions name the field', () => {
  const cases: [string, () => Json, (d: Json) => void, string, RegExp][] = [
    [
      'an unknown register',
      smcccHvc64,
      (d) => (d.convention.args[2] = 'x31'),
      'convention.args[2]',
      /^Convention, argument register 3: "x31" is not a register of AArch64/,
    ],
    ['an unknown selector', smcccHvc64, (d) => (d.convention.selector = 'eax'), 'convention.selector', /^Convention, selector register: "eax"/],
    [
      'a register on the wrong architecture',
      gunyahLike,
      (d) => (d.convention.arch = 'x86-64'),
      'convention.instruction',
      /"hvc" is not a trap instruction of x86-64.*vmcall/,
    ],
    [
      'preserved and a result',
      smcccHvc64,
      (d) => d.convention.preserved.push('x3'),
      'convention.preserved[28]',
      /^Convention, preserved register 29: x3 is also a result register/,
    ],
    [
      'preserved and a result, by another name',
      smcccHvc64,
      (d) => d.convention.preserved.push('w2'),
      'convention.preserved[28]',
      /w2 is also a result register/,
    ],
    [
      'preserved and clobbered',
      smcccHvc64,
      (d) => d.convention.clobbered.push('x9'),
      'convention.preserved[5]',
      /^Convention, preserved register 6: x9 is also listed as clobbered/,
    ],
    [
      'an immediate too wide for hvc',
      smcccHvc64,
      (d) => (d.convention.imm = 0x10000),
      'convention.imm',
      /^Convention, immediate: #0x10000 is too wide for the 16-bit immediate of hvc/,
    ],
    ['an immediate on vmcall', () => blankDefinition('x86-64'), (d) => (d.convention.imm = 1), 'convention.imm', /vmcall has no immediate/],
    [
      'bit 30 against the slot width',
      smcccHvc64,
      (d) => (d.calls[0].number = '0x84000003'),
      'calls[0].number',
      /^Call 1, number: bit 30 of the function id 0x84000003 is 0 .*must be 1/,
    ],
    [
      'bits 23:17 set',
      smcccHvc64,
      (d) => (d.calls[0].number = '0xC4020003'),
      'calls[0].number',
      /^Call 1, number: bits 23:17 of the function id 0xC4020003 must be zero/,
    ],
    ['a function id wider than 32 bits', smcccHvc64, (d) => (d.calls[0].number = '0x1C4000003'), 'calls[0].number', /function ids are 32 bits/],
    [
      'a duplicate call id',
      smcccHvc64,
      (d) => d.calls.push({ ...d.calls[0], name: 'other' }),
      'calls[1].id',
      /^Call 2, id: "cpu-on" is already the id of call 1/,
    ],
    [
      'a duplicate call name',
      smcccHvc64,
      (d) => d.calls.push({ ...d.calls[0], id: 'other' }),
      'calls[1].name',
      /^Call 2, name: "PSCI CPU_ON \(64\)" is already the name of call 1/,
    ],
    [
      'a duplicate argument name',
      smcccHvc64,
      (d) => (d.calls[0].args[2].name = 'target_cpu'),
      'calls[0].args[2].name',
      /^Call 1, argument 3, name: "target_cpu" is already the name of argument 1/,
    ],
    [
      'more arguments than argument registers',
      smcccHvc64,
      (d) => {
        for (let i = 0; i < 5; i++) d.calls[0].args.push({ name: `more${i}`, meaning: '', example: '0x0' });
      },
      'calls[0].args[7]',
      /^Call 1, argument 8: has no argument register left: the convention has 7 \(x1–x7\)/,
    ],
    [
      'an example too wide for its register',
      smcccHvc64,
      (d) => (d.calls[0].args[0].example = '0x1_0000_0000_0000_0000'),
      'calls[0].args[0].example',
      /^Call 1, argument 1, example: 0x10000000000000000 is too wide for x1, which holds 64 bits/,
    ],
    [
      'a result example too wide for its register',
      smcccHvc64,
      (d) => Object.assign(d.calls[0].results[0], { register: 'w0', example: '0x1FFFFFFFF' }),
      'calls[0].results[0].example',
      /too wide for w0, which holds 32 bits/,
    ],
    [
      'a number too wide for the selector',
      () => blankDefinition('x86'),
      (d) => d.calls.push({ id: 'a', name: 'A', number: '0x1_0000_0000', args: [], results: [] }),
      'calls[0].number',
      /^Call 1, number: 0x100000000 does not fit the selector register eax, which holds 32 bits/,
    ],
    [
      'a number too wide for the immediate',
      gunyahLike,
      (d) => (d.calls[1].number = '0x10000'),
      'calls[1].number',
      /^Call 2, number: 0x10000 does not fit the 16-bit immediate of hvc/,
    ],
    ['no selector and a fixed immediate', gunyahLike, (d) => (d.convention.imm = 0), 'convention.selector', /nothing selects the call/],
    ['a result with no register left', gunyahLike, (d) => (d.convention.results = ['x0']), 'calls[0].results[1]', /has no result register/],
    ['an unknown trap target', smcccHvc64, (d) => (d.convention.target = 'EL9'), 'convention.target', /"EL9" is not a level of AArch64/],
    [
      'a kept result that is not a result',
      smcccHvc64,
      (d) => (d.convention.resultsKeptWhenUnused = ['x9']),
      'convention.resultsKeptWhenUnused[0]',
      /x9 is not one of the result registers/,
    ],
    [
      'an argument in the selector register',
      smcccHvc64,
      (d) => (d.calls[0].args[0].register = 'x0'),
      'calls[0].args[0]',
      /goes in x0, which holds the selector/,
    ],
    // Shape errors, from the schema.
    [
      'an unknown architecture',
      smcccHvc64,
      (d) => (d.convention.arch = 'arm'),
      'convention.arch',
      /^Convention, architecture: must be one of aarch64, aarch32, x86-64, x86, riscv64/,
    ],
    ['an id that is not kebab-case', smcccHvc64, (d) => (d.calls[0].id = 'CPU_ON'), 'calls[0].id', /^Call 1, id: must be kebab-case/],
    ['a number that is not a number', smcccHvc64, (d) => (d.calls[0].number = '0xZZ'), 'calls[0].number', /^Call 1, number: must be a non-negative number/],
    ['a negative number', smcccHvc64, (d) => (d.calls[0].number = -1), 'calls[0].number', /must be a non-negative number/],
    ['a missing field', smcccHvc64, (d) => delete d.convention.selectorName, 'convention.selectorName', /^Convention, selector name: is missing/],
    [
      'a misspelt field',
      smcccHvc64,
      (d) => (d.convention.preseved = []),
      'convention.preseved',
      /^Convention, field "preseved": is not a field this format knows/,
    ],
    ['a boolean that is not', smcccHvc64, (d) => (d.convention.usesSmcccFunctionId = 'yes'), 'convention.usesSmcccFunctionId', /must be true or false/],
    ['a newer format', smcccHvc64, (d) => (d.version = 2), 'version', /newer than this Trapscope reads/],
    ['another kind of JSON', smcccHvc64, (d) => (d.trapscope = 'catalog'), 'trapscope', /not a Trapscope custom convention/],
    [
      'an MSR cell on Arm',
      smcccHvc64,
      (d) => (d.convention.msrs = [{ register: 'my_msr', index: '0x40000000', name: 'MY_MSR' }]),
      'convention.msrs',
      /^Convention, MSR cell: MSRs are x86 model-specific registers; AArch64 has none/,
    ],
    [
      'an MSR cell named like a register',
      ghcbLike,
      (d) => (d.convention.msrs[0].register = 'RAX'),
      'convention.msrs[0].register',
      /"RAX" is already a register of x86-64/,
    ],
    [
      'an MSR index wider than 32 bits',
      ghcbLike,
      (d) => (d.convention.msrs[0].index = '0x1C0010130'),
      'convention.msrs[0].index',
      /^Convention, MSR cell 1, MSR index: must be an MSR index of at most 32 bits/,
    ],
    [
      'no selector, no immediate, nothing said about what selects',
      ghcbLike,
      (d) => delete d.convention.selectedBy,
      'convention.selector',
      /or say in selectedBy what does/,
    ],
    ['selectedBy beside a selector register', smcccHvc64, (d) => (d.convention.selectedBy = 'the moon'), 'convention.selectedBy', /the selector x0 does/],
    [
      'a bit-field past the register',
      ghcbLike,
      (d) => (d.calls[0].args[0].layout.fields[0].hi = 64),
      'calls[0].args[0].layout.fields[0].hi',
      /^Call 1, argument 1, bit-field layout, field 1, highest bit \(hi\): bit 64 is outside ghcb_msr, which holds 64 bits/,
    ],
    [
      'bit-fields that overlap',
      ghcbLike,
      (d) => (d.calls[0].args[0].layout.fields[1].lo = 11),
      'calls[0].args[0].layout.fields[2]',
      /bits 11:0 overlap another field/,
    ],
    [
      'a named value too wide for its field',
      ghcbLike,
      (d) => (d.calls[0].args[0].layout.fields[1].names = { '4': 'too wide' }),
      'calls[0].args[0].layout.fields[1].names',
      /4 does not fit the field's 2 bits/,
    ],
    [
      'a result layout on a register too narrow',
      ghcbLike,
      (d) => ((d.calls[0].results[0].register = 'eax'), (d.calls[0].results[0].example = '0x5')),
      'calls[0].results[0].layout.fields[0].hi',
      /bit 63 is outside eax, which holds 32 bits/,
    ],
    [
      'a memory field past the end of its area',
      ghcbLike,
      (d) => (d.calls[1].memory[0].fields[3].offset = 4090),
      'calls[1].memory[0].fields[3]',
      /^Call 2, memory argument 1, field 4: bytes 4090 to 4105 are outside the 4096-byte area/,
    ],
    ['memory fields that overlap', ghcbLike, (d) => (d.calls[1].memory[0].fields[1].offset = 505), 'calls[1].memory[0].fields[1]', /overlaps field 1 \(rax\)/],
    [
      'an address in a register the call does not load',
      ghcbLike,
      (d) => (d.calls[1].memory[0].register = 'rdi'),
      'calls[1].memory[0].register',
      /rdi carries the address, but the call does not load it/,
    ],
    [
      'a field that selects the call, with another number',
      ghcbLike,
      (d) => (d.calls[1].memory[0].fields[2].example = '0x7b'),
      'calls[1].memory[0].fields[2].selects',
      /says the field holds the call's number, so the caller must write it \("in" or "inout"\) with the example 0x72/,
    ],
    [
      'an "in" field with a result',
      ghcbLike,
      (d) => (d.calls[1].memory[0].fields[2].result = '0x1'),
      'calls[1].memory[0].fields[2].result',
      /the callee does not write this field/,
    ],
    [
      'a memory value too wide for its bytes',
      ghcbLike,
      (d) => (d.calls[1].memory[0].fields[1].result = '0x1_0000_0000_0000_0000'),
      'calls[1].memory[0].fields[1].result',
      /does not fit the field's 8 bytes/,
    ],
    [
      'a field of no bytes',
      ghcbLike,
      (d) => (d.calls[1].memory[0].fields[3].bytes = 0),
      'calls[1].memory[0].fields[3].bytes',
      /must be at least 1 byte/,
    ],
    [
      'an unknown direction',
      ghcbLike,
      (d) => (d.calls[1].memory[0].direction = 'both'),
      'calls[1].memory[0].direction',
      /must be "in" \(the caller writes it\), "out"/,
    ],
  ];
  for (const [what, base, edit, path, message] of cases) {
    it(`${what}: ${path}`, () => {
      const errors = problems(base, edit);
      expect(errors.map((e) => e.path)).toContain(path);
      expect(errors.find((e) => e.path === path)!.message).toMatch(message);
    });
  }

  it('two calls with one number, when the immediate selects the call', () => {
    const errors = problems(gunyahLike, (d) => (d.calls[1].number = '0x6000'));
    expect(errors).toEqual([
      {
        path: 'calls[1].number',
        message: 'Call 2, number: 0x6000 is already the number of call 1; the immediate selects the call, so the numbers must differ',
      },
    ]);
    // A selector with fixed inputs beside it (RISC-V SBI: the extension in a7, the function in a6) may share a number.
    ok(copyOfBuiltIn(requireConvention(catalog, 'riscv-sbi'), catalog.calls));
  });

  it('every mistake shows at once: a refused immediate does not hide the checks of other fields', () => {
    const errors = problems(smcccHvc64, (d) => {
      d.convention.imm = 'banana';
      d.convention.args[2] = 'x31';
      d.calls[0].number = '0x84000003';
      d.calls[0].args[0].example = 'ten';
    });
    expect(errors.map((e) => e.path)).toEqual(['convention.imm', 'calls[0].args[0].example', 'convention.args[2]', 'calls[0].number']);
  });

  it('the immediate may be written in hex or decimal, as every other number', () => {
    expect(ok(edited(gunyahLike, (d) => (d.convention.imm = 'call'))).definition.convention.imm).toBe('call');
    expect(ok(edited(smcccHvc64, (d) => (d.convention.imm = '0x10'))).definition.convention.imm).toBe(16);
    expect(ok(edited(smcccHvc64, (d) => (d.convention.imm = '1_000'))).definition.convention.imm).toBe(1000);
    expect(problems(smcccHvc64, (d) => (d.convention.imm = '0x1_0000'))[0]!.message).toMatch(/#0x10000 is too wide/);
    expect(problems(smcccHvc64, (d) => (d.convention.imm = '-1'))[0]!.message).toMatch(/hex with 0x, or decimal/);
  });

  it('anything but an object is refused as a whole', () => {
    for (const x of [null, 1, 'x', [], undefined])
      expect(errorsOf(x)).toEqual([{ path: '', message: expect.stringMatching(/^The definition: must be a JSON object/) }]);
  });
});

/** Every path in a JSON value, so a fuzzer can replace any one of them. */
function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...at, k]));
  return out;
}

function replaceAt(root: Json, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root);
  let o: Json = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path.at(-1)!] = value;
  return copy;
}

describe('fuzzing decodeCustom', () => {
  it('whatever the immediate holds, a register that does not exist is still named', () =>
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom('0x10', '-1', 'call', '1e3', 0.5)), (imm) => {
        const r = decodeCustom(edited(smcccHvc64, (d) => ((d.convention.imm = imm), (d.convention.args[2] = 'x31'))));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('convention.args[2]');
      }),
      { numRuns: 300 },
    ));

  const expectTotal = (input: unknown) => {
    const r = decodeCustom(input);
    if (r.ok) for (const p of marshalAll(r)) expect(p.steps.length).toBeGreaterThan(0);
    else {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(typeof e.path === 'string' && typeof e.message === 'string' && e.message.length > 0).toBe(true);
    }
  };

  it('any JSON value gives a result, never an exception', () => {
    fc.assert(fc.property(fc.jsonValue(), expectTotal), { numRuns: 500 });
  });

  for (const [name, base] of [
    ['SMCCC', smcccHvc64],
    ['Gunyah-like', gunyahLike],
    ['GHCB-like', ghcbLike],
  ] as const) {
    const all = paths(base());
    it(`${name}: any field replaced by any JSON value gives errors, or calls marshal() accepts`, () => {
      fc.assert(
        fc.property(
          fc.nat(all.length - 1),
          fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom('x31', 'w0', 'call', '0xFFFFFFFFFFFFFFFFF', '<script>alert(1)</script>', -1, 1e300)),
          (i, v) => expectTotal(replaceAt(base(), all[i]!, v)),
        ),
        { numRuns: 1500 },
      );
    });
  }

  it('the MSR cells, bit-fields and memory fields take any near-miss value without throwing', () => {
    const all = paths(ghcbLike()).filter((p) => p.some((k) => k === 'msrs' || k === 'layout' || k === 'memory' || k === 'selectedBy'));
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(
            0,
            1,
            11,
            12,
            16,
            17,
            63,
            64,
            127,
            128,
            4095,
            4096,
            1 << 20,
            (1 << 20) + 1,
            -1,
            0.5,
            '0x',
            '0x1_0000_0000',
            '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF',
          ),
          fc.constantFrom('in', 'out', 'inout', 'ghcb_msr', 'rax', 'x0', 'GHCB_MSR', { '4': 'X' }, { '-1': 'X' }, { '99999999999999999999999': 'X' }, [], {}),
        ),
        (i, v) => expectTotal(replaceAt(ghcbLike(), all[i]!, v)),
      ),
      { numRuns: 1500 },
    );
  });

  it('a valid definition decodes to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.conventions), (conv) => {
        const def: CustomDefinition = copyOfBuiltIn(conv, catalog.calls);
        expect(ok(def).definition).toEqual(def);
      }),
      { numRuns: 30 },
    );
  });
});
