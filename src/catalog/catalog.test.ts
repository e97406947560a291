import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellOf, hasRegister } from '../model/arch';
import { decodeFields, encodeFields } from '../model/bits';
import { callFits } from '../model/call';
import { computeSyndrome, encodeInstruction } from '../model/encoding';
import { formatHex } from '../model/value';
import { marshal } from '../model/plan';
import { aarch32 } from './arch/aarch32';
import { aarch64 } from './arch/aarch64';
import { callsFor, familyKeyOf, findCall, findConvention, firstCatalog, isFamilyLoaded, requireConvention, type Catalog } from './index';
import { smcccFunctionId } from './smccc/function-id';
import { moreSmcccCalls } from './smccc/more-calls';
import { catalog } from './all';

/** Every call under every convention it fits: one case each. */
const pairs = catalog.conventions.flatMap((c) => callsFor(catalog, c).map((call) => [c.id, call.id, c, call] as const));
describe('function IDs', () => {
  it.each(catalog.calls.map((c) => [c.id, c] as const))('%s: the model builds the value its source states', (_, call) => {
    expect(formatHex(call.number.value, 8)).toBe(formatHex(call.number.stated.value, 8));
  });

  it.each(catalog.calls.filter((c) => c.number.fields).map((c) => [c.id, c] as const))('%s: the codec round-trips the id', (_, call) => {
    const layout = catalog.conventions.find((c) => c.functionId && callFits(c, call))?.functionId?.layout ?? smcccFunctionId;
    const fields = decodeFields(layout, call.number.value);
    expect(encodeFields(layout, fields)).toBe(call.number.value);
    for (const [k, v] of Object.entries(call.number.fields!)) expect(fields[k], k).toBe(v);
  });

  it('PSCI CPU_ON is fast, SMC64, owner 4 (Standard Secure Service), function 3', () => {
    const f = decodeFields(smcccFunctionId, findCall(catalog, 'psci-cpu-on-64')!.number.value);
    expect(f).toEqual({ type: 1n, cc: 1n, owner: 4n, zero: 0n, sve: 0n, number: 3n });
    expect(smcccFunctionId.fields.find((x) => x.key === 'owner')!.names!['4']).toBe('Standard Secure Service');
  });
});

describe('instruction encodings follow the formulas in the sources', () => {
  const a64 = (base: number) => (imm: number) => (base | (imm << 5)) >>> 0;
  it('AArch64 hvc #imm16 = 0xD4000002 | imm16 << 5, smc likewise from 0xD4000003', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (imm) => {
        expect(encodeInstruction(aarch64.instructions.hvc!, imm).hex).toBe(formatHex(BigInt(a64(0xd4000002)(imm)), 8));
        expect(encodeInstruction(aarch64.instructions.smc!, imm).hex).toBe(formatHex(BigInt(a64(0xd4000003)(imm)), 8));
      }),
    );
  });

  it('gives the words the notes worked out for hvc #0, #1 and #0xEA1', () => {
    expect(encodeInstruction(aarch64.instructions.hvc!, 0).hex).toBe('0xD4000002');
    expect(encodeInstruction(aarch64.instructions.hvc!, 1).hex).toBe('0xD4000022');
    expect(encodeInstruction(aarch64.instructions.hvc!, 0xea1)).toEqual({ text: 'hvc #0xEA1', hex: '0xD401D422' });
    expect(encodeInstruction(aarch64.instructions.smc!, 0).hex).toBe('0xD4000003');
  });

  it('AArch32 __HVC(imm16) splits the immediate as Linux opcodes-virt.h does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (imm) => {
        const linux = (0xe1400070 | ((imm & 0xfff0) << 4) | (imm & 0xf)) >>> 0;
        expect(encodeInstruction(aarch32.instructions.hvc!, imm).hex).toBe(formatHex(BigInt(linux), 8));
      }),
    );
    expect(encodeInstruction(aarch32.instructions.hvc!, 0xea1).hex).toBe('0xE140EA71');
    expect(encodeInstruction(aarch32.instructions.smc!, 0).hex).toBe('0xE1600070');
  });

  it('refuses an immediate wider than the instruction takes', () => {
    expect(() => encodeInstruction(aarch32.instructions.smc!, 16)).toThrow(/4 bits/);
  });
});

describe('ESR_EL2 is computed from EC, IL and ISS', () => {
  const esr = (ec: number, imm: number) => BigInt(((ec << 26) | (1 << 25) | imm) >>> 0);
  it.each([
    ['AArch64 hvc #0', aarch64.instructions.hvc!, 0, esr(0x16, 0), 0x5a000000n],
    ['AArch64 hvc #0xEA1', aarch64.instructions.hvc!, 0xea1, esr(0x16, 0xea1), 0x5a000ea1n],
    ['AArch64 smc #0 (trapped by TSC)', aarch64.instructions.smc!, 0, esr(0x17, 0), 0x5e000000n],
    ['AArch32 hvc #0', aarch32.instructions.hvc!, 0, esr(0x12, 0), 0x4a000000n],
  ])('%s', (_, ins, imm, formula, stated) => {
    const s = computeSyndrome(ins.syndrome!, imm);
    expect(s.value).toBe(formula);
    expect(s.value).toBe(stated);
  });

  it('a trapped AArch32 SMC reports no immediate', () => {
    expect(computeSyndrome(aarch32.instructions.smc!.syndrome!, 5).value).toBe(0x4e000000n);
  });
});

describe('catalog integrity', () => {
  it('has no two conventions or calls with one id', () => {
    const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);
    expect(new Set(ids(catalog.conventions)).size).toBe(catalog.conventions.length);
    expect(new Set(ids(catalog.calls)).size).toBe(catalog.calls.length);
  });

  it.each(catalog.conventions.map((c) => [c.id, c] as const))('%s names only registers its architecture has', (_, c) => {
    const named = [...(c.selector ? [c.selector] : []), ...(c.fixed ?? []).map((f) => f.register), ...c.args, ...c.results, ...c.clobbered, ...c.preserved];
    for (const r of named) expect(hasRegister(c.arch, r), r).toBe(true);
    for (const call of callsFor(catalog, c)) {
      const regs = [...call.results.map((r) => r.register), ...call.args.map((a) => a.register), ...(call.fixed ?? []).map((f) => f.register)];
      for (const r of regs) if (r) expect(hasRegister(c.arch, r), `${call.id}: ${r}`).toBe(true);
    }
  });

  it.each(pairs)('plans %s / %s, each example value in a width its register can hold', (_, __, c, call) => {
    const plan = marshal(c, call);
    for (const o of plan.outputs) {
      const bits = cellOf(c.arch, o.register)!.bits;
      expect(o.value < 1n << BigInt(bits), `${o.register} = ${formatHex(o.value)}`).toBe(true);
    }
  });

  it('never lists a register as both preserved and clobbered', () => {
    for (const c of catalog.conventions) for (const r of c.clobbered) expect(c.preserved, `${c.id}: ${r}`).not.toContain(r);
  });

  it('cites a source for every convention, role, call, argument, result and field', () => {
    const cited = (what: string, s: readonly unknown[]) => expect(s.length, what).toBeGreaterThan(0);
    for (const c of catalog.conventions) {
      cited(c.id, c.sources);
      cited(`${c.id} encoding`, c.instruction.encoding.sources);
      cited(`${c.id} instruction`, c.instruction.sources);
      if (c.instruction.syndrome) cited(`${c.id} syndrome`, c.instruction.syndrome.sources);
      for (const k of ['args', 'results', 'clobbered', 'preserved'] as const) if (c[k].length) cited(`${c.id} ${k}`, c.roleSources[k]);
      for (const n of c.notes) cited(`${c.id} note`, n.sources);
      for (const f of c.fixed ?? []) cited(`${c.id} ${f.name}`, f.sources);
    }
    for (const call of catalog.calls) {
      cited(call.id, call.sources);
      for (const a of call.args) cited(`${call.id} ${a.name}`, a.sources);
      for (const f of call.fixed ?? []) cited(`${call.id} ${f.name}`, f.sources);
      for (const r of call.results) cited(`${call.id} ${r.name}`, r.sources);
      for (const n of call.notes) cited(`${call.id} note`, n.sources);
    }
    for (const f of smcccFunctionId.fields) cited(f.key, f.sources);
    for (const s of [...catalog.conventions.flatMap((c) => c.sources), ...catalog.calls.flatMap((c) => c.sources)]) {
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.where.length).toBeGreaterThan(0);
    }
  });

  it('links eras only to conventions that exist', () => {
    for (const c of catalog.conventions) for (const l of c.eraLinks ?? []) expect(findConvention(catalog, l.id), `${c.id} -> ${l.id}`).toBeDefined();
  });

  it('offers every call under at least one convention', () => {
    for (const call of catalog.calls)
      expect(
        catalog.conventions.some((c) => callFits(c, call)),
        call.id,
      ).toBe(true);
  });

  it('offers the SMCCC versions and conduits issue #2 asks for', () => {
    for (const v of ['1.0', '1.1', '1.2'])
      for (const cc of ['hvc64', 'smc64', 'hvc32', 'smc32']) expect(findConvention(catalog, `smccc-${v}-${cc}`)).toBeDefined();
    const ids = callsFor(catalog, findConvention(catalog, 'smccc-1.1-hvc64')!).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['psci-cpu-on-64', 'psci-system-reset2-64']));
    expect(ids).not.toContain('psci-cpu-on-32');
    expect(callsFor(catalog, findConvention(catalog, 'smccc-1.1-hvc32')!).map((c) => c.id)).toEqual(
      expect.arrayContaining(['smccc-version', 'smccc-arch-features', 'psci-version', 'psci-cpu-on-32', 'psci-system-reset2-32', 'kvm-vendor-call-uid']),
    );
  });
});

const SRC = join(import.meta.dirname, '..');

/**
 * The files the first load runs: what the entry reaches through static
 * imports (import … from, import '…', export … from), as the bundler follows
 * them. Type-only imports are erased and dynamic import() starts another
 * chunk, so neither is followed.
 */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) return;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;'"()]*?\s*from\s*)?'(\.[^']+)'/gm)) {
      if (m[1]) continue;
      const base = join(dirname(file), m[2]!);
      const target = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
      expect(target, `${relative(SRC, file)} imports ${m[2]}`).toBeDefined();
      visit(target!);
    }
  };
  visit(entry);
  return new Set([...seen].map((f) => relative(SRC, f).replaceAll('\\', '/')));
}

describe('the first load', () => {
  // The entry imports start.tsx after the first paint, but always: both are the first load.
  const first = new Set([...staticGraph(join(SRC, 'boot/main.tsx')), ...staticGraph(join(SRC, 'boot/start.tsx'))]);

  it('is found by following the static imports', () => {
    // The walk itself must work, or the checks below pass for nothing.
    for (const f of [
      'boot/main.tsx',
      'boot/start.tsx',
      'store/store.ts',
      'catalog/index.ts',
      'catalog/smccc/calls.ts',
      'catalog/smccc/conventions.ts',
      'ui/App.tsx',
    ])
      expect(first, f).toContain(f);
  });

  it('leaves the less-used SMCCC calls, every other family, the x86 architectures, the Linux helpers, the call search and the runs on emulated CPUs to their chunks', () => {
    for (const f of [
      'catalog/smccc/more-calls.ts',
      'catalog/all.ts',
      'catalog/hyperv/index.ts',
      'catalog/xen/index.ts',
      'catalog/arch/x86-64.ts',
      'catalog/arch/aarch32.ts',
      'catalog/linux-helpers.ts',
      'catalog/smccc/linux.ts',
      'ui/editor/CallHits.tsx',
      'catalog/search.ts',
      'catalog/observed.json',
    ])
      expect(first, f).not.toContain(f);
  });

  it('leaves every other family’s exception entries and handler paths, the VM exits and the custom conventions’ entries to their chunks', () => {
    const families = readdirSync(join(SRC, 'catalog'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'smccc');
    const theirs = families.flatMap((d) => ['exceptions.ts', 'handlers.ts'].map((f) => `catalog/${d.name}/${f}`)).filter((f) => existsSync(join(SRC, f)));
    expect(theirs, 'the walk over the family folders').toContain('catalog/xen/handlers.ts');
    for (const f of [...theirs, 'catalog/exception/x86.ts', 'catalog/exception/io.ts', 'catalog/exception/any-host.ts']) expect(first, f).not.toContain(f);
    // SMCCC's own (KVM's hvc path, TF-A's smc path) come with its conventions.
    expect(first).toContain('catalog/smccc/handlers.ts');
  });

  it('holds the link codec and the address sync: a link is read as soon as the app runs, not after another round trip', () => {
    for (const f of ['share/permalink.ts', 'store/url-sync.ts', 'catalog/lessons.ts']) expect(first, f).toContain(f);
  });

  it('lists the guides by title without their text, or the families’ sources and paths that text cites', () => {
    expect(first).toContain('catalog/guide-panes.ts');
    for (const f of ['catalog/guides.ts', 'catalog/ffa/path.ts', 'catalog/cca/sources.ts', 'catalog/tdx/sources.ts']) expect(first, f).not.toContain(f);
  });

  it('holds only the eager SMCCC data until a family is loaded, and loading makes a new catalog', async () => {
    const ids = new Set(firstCatalog.calls.map((c) => c.id));
    expect(ids).toContain('psci-cpu-on-64');
    for (const c of moreSmcccCalls) expect(ids.has(c.id), c.id).toBe(false);
    expect(isFamilyLoaded(firstCatalog, 'smccc-more')).toBe(false);
    expect(firstCatalog.architectures.map((a) => a.id)).toEqual(['aarch64']);
    expect(findConvention(firstCatalog, 'smccc-1.1-hvc32-aarch32')).toBeUndefined();
    // AArch32 and the x86 architectures come with the families that use them.
    expect(catalog.architectures.map((a) => a.id)).toEqual(['aarch64', 'aarch32', 'x86-64', 'x86', 'riscv64']);
    expect(callsFor(firstCatalog, requireConvention(firstCatalog, 'smccc-1.1-hvc64')).map((c) => c.id)).not.toContain('psci-cpu-off');

    const { loadFamilies } = await import('./index');
    const more = await loadFamilies(firstCatalog, ['smccc-more']);
    expect(familyKeyOf(more, 'call', 'psci-cpu-off')).toBe('smccc-more');
    expect(isFamilyLoaded(firstCatalog, 'smccc-more')).toBe(false);
    const both = await loadFamilies(more, ['smccc-aarch32']);
    expect(both.architectures.map((a) => a.id)).toEqual(['aarch64', 'aarch32']);
    expect(await loadFamilies(both, ['smccc-more'])).toBe(both);
    // In the same order as the whole catalog: the first calls, then the rest.
    const hvc64 = (cat: Catalog) => callsFor(cat, requireConvention(cat, 'smccc-1.1-hvc64')).map((c) => c.id);
    expect(hvc64(both)).toEqual(hvc64(catalog));
  });
});

describe('family chunks', () => {
  it('each family loads on its own: every convention finds a call in its own chunk or the first load', async () => {
    const { FAMILY_KEYS } = await import('./index');
    const { familyLoaders: modules } = await import('./families');
    const { smcccCalls } = await import('./smccc/calls');
    expect(Object.keys(modules).sort()).toEqual(FAMILY_KEYS.filter((k) => k !== 'smccc').sort());
    for (const [key, load] of Object.entries(modules)) {
      const fam = await load();
      expect(fam.conventions.length + fam.calls.length, key).toBeGreaterThan(0);
      for (const conv of fam.conventions)
        expect(
          [...fam.calls, ...smcccCalls].some((call) => callFits(conv, call)),
          `${key}: ${conv.id}`,
        ).toBe(true);
    }
  });
});
