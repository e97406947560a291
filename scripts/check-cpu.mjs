#!/usr/bin/env node
// Runs the inline-asm exports (src/share/c-snippet.ts) on emulated CPUs and
// compares what happened with the app's plan. One image per run (cpu/ holds
// the boot code, linker scripts, UART printers and the test loop; this
// script generates tests.c from the plans), booted once under QEMU with a
// timeout:
//   aarch64-el1     virt, EL1, QEMU's PSCI over HVC: the real return values
//   aarch64-el2     virt,virtualization=on: QEMU's PSCI over SMC, and every
//                   HVC-convention call trapped by our own EL2 vectors
//   aarch32-hvc     virt, cortex-a15 in SVC mode, QEMU's PSCI over HVC
//   aarch32-el2     virt,virtualization=on: SMC32 to QEMU's PSCI from SVC,
//                   every AArch32 HVC-convention call trapped in Hyp mode
//   riscv64-sbi     virt, S-mode under QEMU's bundled OpenSBI
// Each call runs twice: the snippet (its results as the app reads them) and
// a raw trap with every register loaded (inputs, and a canary elsewhere), so
// the registers that changed are seen. What each call did is written to
// src/catalog/observed.json (`--write`); without --write a difference from
// that file fails (a trap record of our own handler's, new or changed with
// the catalog, is reported, not failed), as does a result that differs from the
// catalog's example without a note in src/catalog/observed-notes.ts. Ends with
// "N passed, N failed"; a missing QEMU or cross compiler is "skipped".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TOOLCHAINS, load, unavailable } from './toolchains.mjs';

const WRITE = process.argv.includes('--write');
const OBSERVED = 'src/catalog/observed.json';
const TIMEOUT_MS = 30_000;

const { catalog } = await load('./src/catalog/all.ts');
const lookup = await load('./src/catalog/index.ts');
const callsFor = (conv) => lookup.callsFor(catalog, conv);
const requireCall = (id) => lookup.requireCall(catalog, id);
const requireConvention = (id) => lookup.requireConvention(catalog, id);
const { marshal } = await load('./src/model/plan.ts');
const { asmSnippet, functionName, snippetId } = await load('./src/share/c-snippet.ts');
const { cellOf } = await load('./src/model/arch.ts');
const { observedKey, unexplained } = await load('./src/model/observed.ts');
const { OBSERVED_NOTES } = await load('./src/catalog/observed-notes.ts');

const dir = mkdtempSync(join(tmpdir(), 'trapscope-cpu-'));
const hex = (v) => `0x${v.toString(16)}`;
const mask = (bits) => (1n << BigInt(bits)) - 1n;

/** How each architecture's image is built and run. */
const ARCHS = {
  aarch64: {
    qemu: 'qemu-system-aarch64',
    apt: 'qemu-system-arm',
    files: ['cpu/aarch64/start.S', 'cpu/aarch64/traps.c', 'cpu/arm.c', 'cpu/uart-pl011.c'],
    link: 'cpu/aarch64/link.ld',
    cflags: ['-mgeneral-regs-only', '-mstrict-align'],
    raw: 'aarch64/raw.inc',
    loaded: range(0, 30),
    width: 64,
    canary: (n) => 0xc0dec0de00000000n | BigInt(n),
    // CPU_ON's entry point: secondary_entry, pinned in link.ld inside virt's RAM (0x40000000-).
    entry: 0x40200000n,
  },
  aarch32: {
    qemu: 'qemu-system-arm',
    apt: 'qemu-system-arm',
    files: ['cpu/aarch32/start.S', 'cpu/aarch32/traps.c', 'cpu/arm.c', 'cpu/uart-pl011.c'],
    link: 'cpu/aarch32/link.ld',
    cflags: ['-marm', '-march=armv7ve', '-mfloat-abi=soft', '-mgeneral-regs-only', '-mno-unaligned-access'],
    raw: 'aarch32/raw.inc',
    loaded: [...range(0, 12), 14],
    width: 32,
    canary: (n) => 0xc0de0000n | BigInt(n),
    entry: 0x40200000n,
  },
  riscv64: {
    qemu: 'qemu-system-riscv64',
    apt: 'qemu-system-misc qemu-system-data',
    files: ['cpu/riscv64/start.S', 'cpu/riscv64/traps.c', 'cpu/uart-ns16550.c'],
    link: 'cpu/riscv64/link.ld',
    cflags: ['-march=rv64imac_zicsr', '-mabi=lp64', '-mcmodel=medany', '-mstrict-align'],
    raw: 'riscv64/raw.inc',
    loaded: [1, ...range(3, 31)],
    width: 64,
    canary: (n) => 0xc0dec0de00000000n | BigInt(n),
    // HART_START's entry point: secondary_entry, pinned in link.ld above the image.
    entry: 0x80400000n,
  },
};

function range(a, b) {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const CONTEXT_ID = 0x600dcafen;
/** The level the harness reports (B and C lines), by architecture. */
const LEVELS = { aarch64: { 1: 'EL1', 2: 'EL2' }, aarch32: { 1: 'SVC mode', 2: 'Hyp mode' }, riscv64: { 1: 'S-mode' } };

/**
 * A test: a call under a convention, the values it is made with where the
 * catalog's examples do not fit the machine (and why), what answers it
 * ('firmware': QEMU or OpenSBI; 'handler': our own EL2/Hyp vectors), and
 * what the run expects where it is not the catalog's example.
 */
function test(conv, call, opts = {}) {
  const convention = requireConvention(conv);
  const c = requireCall(call);
  const plan = marshal(convention, c, opts.values ?? {});
  return { plan, by: 'firmware', raw: true, flags: 0, ...opts };
}

/** CPU_ON of CPU 1 at the image's entry point, with a context id that cannot arrive by chance; then AFFINITY_INFO must say it is on. */
function cpuOn(arch, on, after) {
  const [x, entry] = [arch === 'aarch64' ? 'x' : 'r', ARCHS[arch].entry];
  return [
    test(on[0], on[1], {
      values: { [`${x}2`]: entry, [`${x}3`]: CONTEXT_ID },
      chosen: `${x}2 = ${hex(entry)}, the image's entry point, in virt's RAM (0x40000000-0x47ffffff here); ${x}3 = ${hex(CONTEXT_ID)}, a context id that cannot arrive by chance`,
      raw: false,
      flags: 1,
    }),
    test(after[0], after[1], { label: 'after CPU_ON', expect: { [`${x}0`]: 0n }, why: 'CPU 1 is on now: AFFINITY_INFO returns ON (0)' }),
  ];
}

/** QEMU's PSCI, reached with the conduit instruction from AArch64 EL1. */
function psciAarch64(conduit) {
  const c64 = `smccc-1.1-${conduit}64`;
  const c32 = `smccc-1.1-${conduit}32`;
  const plain = (conv, ids) => ids.map((id) => test(conv, id));
  return [
    ...plain(c32, ['psci-version', 'psci-features', 'smccc-version', 'smccc-arch-features', 'psci-migrate-info-type']),
    ...plain(c32, ['smccc-arch-workaround-1', 'trng-version']),
    ...plain(c64, ['psci-affinity-info-64']),
    ...plain(c32, ['psci-affinity-info-32']),
    ...cpuOn('aarch64', [c64, 'psci-cpu-on-64'], [c64, 'psci-affinity-info-64']),
    test(c32, 'psci-system-off', { raw: false, last: true }),
  ];
}

/** QEMU's PSCI over HVC or SMC from AArch32 SVC mode. */
function psciAarch32(conduit) {
  const conv = `smccc-1.1-${conduit}32-aarch32`;
  const plain = (ids) => ids.map((id) => test(conv, id));
  return [
    ...plain(['psci-version', 'psci-features', 'smccc-version', 'smccc-arch-features', 'psci-migrate-info-type', 'psci-affinity-info-32']),
    ...cpuOn('aarch32', [conv, 'psci-cpu-on-32'], [conv, 'psci-affinity-info-32']),
    test(conv, 'psci-system-off', { raw: false, last: true }),
  ];
}

/** Every call of every convention that traps with `hvc` (or to EL2) from this architecture, answered by our handler. */
function trapped(arch) {
  const out = [];
  for (const conv of catalog.conventions) {
    if (conv.arch.id !== arch) continue;
    const toEl2 = conv.instruction.mnemonic === 'hvc' || conv.id === 'vmware-arm64-vmwgfx';
    if (!toEl2) continue;
    for (const call of callsFor(conv)) out.push(test(conv.id, call.id, { by: 'handler' }));
  }
  return out;
}

/** OpenSBI's answers, from S-mode. */
function sbi() {
  const v02 = 'riscv-sbi';
  const legacy = 'riscv-sbi-v0.1-legacy';
  return [
    test(v02, 'sbi-get-spec-version'),
    test(v02, 'sbi-get-impl-id'),
    test(v02, 'sbi-probe-extension'),
    test(v02, 'sbi-probe-extension', { values: { a0: 0x53525354n }, label: 'SRST', chosen: 'a0 = 0x53525354, the SRST extension', expect: { a0: 0n, a1: 1n } }),
    test(v02, 'sbi-set-timer'),
    test(v02, 'sbi-send-ipi', {
      values: { a0: 1n, a1: 0n },
      chosen: 'a0 = 1, a1 = 0: hart 0 itself (the example mask 1 at base 2 names hart 2; the machine has two harts)',
    }),
    test(v02, 'sbi-hart-start', {
      values: { a1: ARCHS.riscv64.entry },
      chosen: `a1 = ${hex(ARCHS.riscv64.entry)}, an entry point of the test image (the example is another kernel's)`,
      raw: false,
      flags: 1,
    }),
    test(legacy, 'sbi-legacy-console-putchar'),
    test(legacy, 'sbi-legacy-set-timer'),
    test(legacy, 'sbi-legacy-send-ipi', {
      values: { a0: 0x80400100n },
      chosen: 'a0 = 0x80400100, the physical address of a mask naming hart 0 (the example is a kernel virtual address)',
    }),
    test(v02, 'sbi-system-reset', { raw: false, last: true }),
  ];
}

/** The runs: which QEMU machine, which image, which tests. */
const RUNS = [
  { id: 'qemu-aarch64-el1-hvc', arch: 'aarch64', machine: 'virt', cpu: 'cortex-a57', tests: () => psciAarch64('hvc') },
  {
    id: 'qemu-aarch64-el2',
    arch: 'aarch64',
    machine: 'virt,virtualization=on',
    cpu: 'cortex-a57',
    tests: () => [...trapped('aarch64'), ...psciAarch64('smc')],
  },
  { id: 'qemu-aarch32-svc-hvc', arch: 'aarch32', machine: 'virt', cpu: 'cortex-a15', tests: () => psciAarch32('hvc') },
  {
    id: 'qemu-aarch32-hyp',
    arch: 'aarch32',
    machine: 'virt,virtualization=on',
    cpu: 'cortex-a15',
    tests: () => [...trapped('aarch32'), ...psciAarch32('smc')],
  },
  { id: 'qemu-riscv64-opensbi', arch: 'riscv64', machine: 'virt', cpu: 'rv64', bios: 'default', tests: sbi },
];

// ---------------------------------------------------------------- the image

/** Register number of a cell in the raw routine's array (x1 -> 1, r14 -> 14, a0 -> 10). */
function regIndex(arch, cell) {
  return arch.registers.findIndex((r) => r.name === cell);
}

function cArray(type, name, values) {
  return `static const ${type} ${name}[] = { ${values.length ? values.join(', ') : '0'} };`;
}

/** tests.c and raw.S for one run. */
function generate(run, tests) {
  const a = ARCHS[run.arch];
  const suffix = a.width === 64 ? 'UL' : 'U';
  const lit = (v) => `${hex(v & mask(a.width))}${suffix}`;
  const raws = new Map();
  const c = ['#include "harness.h"', ''];
  const rows = [];
  tests.forEach((t, i) => {
    const { plan } = t;
    const arch = plan.convention.arch;
    const fn = functionName(plan);
    c.push(`#define ${fn} trapscope_t${i}`, asmSnippet(plan), `#undef ${fn}`, '');
    let raw = '0';
    if (t.raw) {
      const insn = plan.trap.instruction.text;
      if (!raws.has(insn)) raws.set(insn, `trapscope_raw${raws.size}`);
      raw = raws.get(insn);
      const regs = t.rawIn;
      c.push(cArray('reg_t', `in${i}`, regs.map(lit)));
    }
    const sets = plan.outputs.map((o) => [regIndex(arch, o.cell), o.value & mask(cellOf(arch, o.register).bits)]);
    c.push(
      cArray(
        'unsigned char',
        `setr${i}`,
        sets.map(([r]) => String(r)),
      ),
    );
    c.push(
      cArray(
        'reg_t',
        `setv${i}`,
        sets.map(([, v]) => lit(v)),
      ),
    );
    const lost = plan.lost.reduce((m, cell) => m | (1n << BigInt(regIndex(arch, cell))), 0n);
    rows.push(
      `\t{ trapscope_t${i}, ${raw}, ${t.raw ? `in${i}` : '0'}, ${plan.outputs.length}, ${sets.length}, setr${i}, setv${i}, ${hex(lost)}ULL, ${t.flags} },`,
    );
  });
  for (const name of raws.values()) c.push(`void ${name}(reg_t *regs);`);
  c.push('', 'const struct test tests[] = {', ...rows, '};', `const unsigned ntests = ${tests.length};`, '');
  const s = [`#include "${a.raw}"`, ...[...raws].map(([insn, name]) => `RAW ${name}, "${insn}"`), ''];
  return { c: c.join('\n'), s: s.join('\n') };
}

/** The raw routine's registers: the plan's inputs, a canary everywhere else. */
function rawInputs(run, plan) {
  const a = ARCHS[run.arch];
  const arch = plan.convention.arch;
  const regs = arch.registers.map((_, n) => (a.loaded.includes(n) ? a.canary(n) : 0n));
  for (const s of plan.inputs) regs[regIndex(arch, s.cell)] = s.value;
  return regs.slice(0, run.arch === 'aarch64' ? 31 : run.arch === 'aarch32' ? 15 : 32);
}

function build(run, tests) {
  const a = ARCHS[run.arch];
  const t = TOOLCHAINS[run.arch];
  const base = join(dir, run.id);
  const { c, s } = generate(run, tests);
  writeFileSync(`${base}-tests.c`, c);
  writeFileSync(`${base}-raw.S`, s);
  const flags = [
    '-O2',
    '-ffreestanding',
    '-fno-pic',
    '-no-pie',
    '-fno-stack-protector',
    '-nostdlib',
    '-static',
    '-Wall',
    '-Werror',
    '-Wl,--no-warn-rwx-segments',
    '-Wl,--build-id=none',
    ...a.cflags,
  ];
  const args = [...flags, '-Icpu', `-T${a.link}`, ...a.files, 'cpu/harness.c', `${base}-tests.c`, `${base}-raw.S`, '-o', `${base}.elf`];
  const r = spawnSync(t.cc, args, { encoding: 'utf8' });
  if (r.status !== 0) return { error: `${t.cc} failed:\n${(r.stderr || r.error?.message || '').trim()}` };
  return { elf: `${base}.elf` };
}

/** Boots the image; resolves with the UART's lines and how QEMU ended. */
function boot(run, elf) {
  const a = ARCHS[run.arch];
  const args = ['-M', run.machine, '-cpu', run.cpu, '-smp', '2', '-m', '128M', '-display', 'none', '-monitor', 'none', '-serial', 'stdio', '-no-reboot'];
  if (run.bios) args.push('-bios', run.bios);
  args.push('-kernel', elf);
  return new Promise((done) => {
    const q = spawn(a.qemu, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      q.kill('SIGKILL');
    }, TIMEOUT_MS);
    q.stdout.on('data', (d) => {
      out += d;
      // The image prints D when its list ends without powering off (a whole line: OpenSBI's banner has lines starting with D).
      if (/^D\r?\n/m.test(out)) q.kill('SIGKILL');
    });
    q.stderr.on('data', (d) => (err += d));
    q.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ lines: out.split(/\r?\n/), code, signal, timedOut, stderr: err.trim() });
    });
  });
}

// ---------------------------------------------------------------- reading the run

/** The UART's lines by kind and test number: S, R, C, W; B (booted level) and X (a fault). */
function parse(lines) {
  const rec = { byTest: new Map(), fault: undefined, booted: undefined, done: false };
  let last;
  for (const line of lines) {
    const [kind, n, ...rest] = line.trim().split(' ');
    if (!/^[BXDSRCW]$/.test(kind) && last && line.trim()) {
      // What a call printed on the console between its S and R lines.
      last.printed = (last.printed ?? '') + line.trim();
      continue;
    }
    if (kind === 'B') rec.booted = Number.parseInt(n, 16);
    else if (kind === 'X') rec.fault = line.trim();
    else if (kind === 'D') rec.done = true;
    else if (['S', 'R', 'C', 'W'].includes(kind)) {
      const i = Number.parseInt(n, 16);
      const entry = rec.byTest.get(i) ?? {};
      const fields = {};
      for (const f of rest) {
        const [k, v = ''] = f.split('=');
        fields[k] = v === '' ? [] : v.split(',').map((x) => BigInt(`0x${x}`));
      }
      entry[kind] = fields;
      rec.byTest.set(i, entry);
      last = kind === 'S' ? entry : undefined;
    }
  }
  return rec;
}

const regName = (arch, n) => arch.registers[n]?.name ?? `#${n}`;

/**
 * Checks one test against its plan, and returns the observation for
 * observed.json (firmware answers) plus the problems found.
 */
function judge(run, t, i, rec, exit) {
  const { plan } = t;
  const arch = plan.convention.arch;
  const a = ARCHS[run.arch];
  const problems = [];
  const got = rec.byTest.get(i) ?? {};
  const obs = { platform: run.id, convention: plan.convention.id, call: plan.call.id };
  if (t.label) obs.label = t.label;
  if (t.chosen) obs.chosen = t.chosen;
  if (t.last) {
    // SYSTEM_OFF and SYSTEM_RESET do not return: QEMU must have stopped (-no-reboot turns a reset into an exit).
    if (got.R) problems.push(`returned (x0 ${hex(got.R.o[0])}) instead of stopping the machine`);
    else if (!got.S) problems.push('was never called');
    else if (exit.timedOut || exit.signal) problems.push('the machine did not stop');
    obs.stopped = true;
    return { obs, problems };
  }
  if (!got.R) {
    problems.push(got.S ? 'never returned' : 'was never called');
    return { obs, problems };
  }
  const R = got.R;
  if (R.u) problems.push(`took an exception at its own level (syndrome ${hex(R.u[0])}): nobody answered ${plan.trap.instruction.text}`);
  const results = plan.outputs.map((o, k) => ({ o, v: (R.o[k] ?? 0n) & mask(cellOf(arch, o.register).bits) }));
  if (t.by === 'handler') {
    problems.push(...checkTrap(plan, R, 'the snippet'));
    for (const { o, v } of results) {
      const want = o.value & mask(cellOf(arch, o.register).bits);
      if (v !== want) problems.push(`the snippet read ${o.register} = ${hex(v)}, the handler wrote ${hex(want)}`);
    }
  } else if (R.t) problems.push('trapped to our own handler instead of reaching firmware');
  obs.results = results.map(({ o, v }) => ({ register: o.register, value: hex(v) }));
  if (got.printed) obs.printed = got.printed;
  if (t.expect) obs.expect = Object.fromEntries(Object.entries(t.expect).map(([r, v]) => [r, hex(v)]));
  if (t.why) obs.why = t.why;
  if (t.flags & 1) {
    const c = got.C?.c ?? [];
    if (!c[0]) problems.push('the started CPU never reached its entry point');
    else {
      const level = LEVELS[run.arch][Number(c[1])] ?? `level ${c[1]}`;
      const regs =
        run.arch === 'riscv64'
          ? [
              ['a0', c[2]],
              ['a1', c[3]],
            ]
          : [[run.arch === 'aarch64' ? 'x0' : 'r0', c[2]]];
      obs.started = { level, registers: regs.map(([register, v]) => ({ register, value: hex(v) })) };
      const want = run.arch === 'riscv64' ? plan.inputs.find((s) => s.register === 'a2').value : CONTEXT_ID;
      const arrived = run.arch === 'riscv64' ? c[3] : c[2];
      if (arrived !== want) problems.push(`the started CPU found ${hex(arrived)}, not the context id ${hex(want)}`);
    }
  }
  if (t.raw) {
    const W = got.W;
    if (!W) problems.push('the raw trap never returned');
    else {
      if (t.by === 'handler') problems.push(...checkTrap(plan, W, 'the raw trap'));
      const before = t.rawIn;
      const changed = a.loaded.filter((n) => (W.a[n] ?? 0n) !== before[n]);
      const preserved = new Set(plan.preserved);
      for (const n of changed) {
        const cell = regName(arch, n);
        if (preserved.has(cell)) problems.push(`${cell} changed (${hex(before[n])} -> ${hex(W.a[n])}) though the plan says it is preserved`);
      }
      for (const o of plan.outputs) {
        const n = regIndex(arch, o.cell);
        const v = W.a[n] & mask(cellOf(arch, o.register).bits);
        if (t.by === 'handler' && v !== (o.value & mask(cellOf(arch, o.register).bits)))
          problems.push(`after the raw trap ${o.register} = ${hex(v)}, not the handler's result`);
      }
      obs.changed = changed.map((n) => regName(arch, n));
      obs.kept = a.loaded.length - changed.length;
    }
  }
  if (t.by === 'handler') {
    obs.trap = { register: run.arch === 'aarch32' ? 'HSR' : 'ESR_EL2', syndrome: hex(R.t?.[0] ?? 0n), instruction: hex(R.t?.[2] ?? 0n) };
    delete obs.results;
  }
  return { obs, problems };
}

/** What our handler saw on entry, against the plan: the syndrome, the trapping instruction and each input. */
function checkTrap(plan, line, what) {
  const problems = [];
  if (!line.t) return [`${what}: our handler never saw a trap`];
  const [syndrome, , insn] = line.t;
  const want = plan.trap.syndrome?.value;
  if (want !== undefined && syndrome !== want) problems.push(`${what}: syndrome ${hex(syndrome)}, the plan shows ${hex(want)}`);
  const word = BigInt(plan.trap.instruction.hex);
  if (insn !== word) problems.push(`${what}: trapped at instruction ${hex(insn)}, the plan shows ${plan.trap.instruction.hex}`);
  const arch = plan.convention.arch;
  for (const s of plan.inputs) {
    const v = (line.e[regIndex(arch, s.cell)] ?? 0n) & mask(s.bits);
    if (v !== (s.value & mask(s.bits))) problems.push(`${what}: ${s.register} held ${hex(v)} at the trap, the plan loads ${hex(s.value)}`);
  }
  return problems;
}

// ---------------------------------------------------------------- main

function qemuVersion(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return /version (\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
}

function whySkipped(run) {
  const a = ARCHS[run.arch];
  const cc = unavailable(run.arch, dir);
  if (cc) return cc;
  if (!qemuVersion(a.qemu)) return `${a.qemu} not found (apt-get install ${a.apt})`;
  if (run.bios === 'default') {
    // -bios default loads OpenSBI from QEMU's data directories (qemu-system-data on Debian).
    const dirs = spawnSync(a.qemu, ['-L', 'help'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    if (!dirs.some((d) => existsSync(join(d, 'opensbi-riscv64-generic-fw_dynamic.bin'))))
      return `OpenSBI for QEMU not found (apt-get install qemu-system-data)`;
  }
  return undefined;
}

let passed = 0;
let failed = 0;
const observations = [];
const platforms = {};
const ran = new Set();
const failures = [];

const runs = await Promise.all(
  RUNS.map(async (run) => {
    const skip = whySkipped(run);
    let tests;
    try {
      tests = run.tests();
    } catch (e) {
      return { run, error: `cannot plan the tests: ${e.message}` };
    }
    if (skip) return { run, skip, tests };
    for (const t of tests) if (t.raw) t.rawIn = rawInputs(run, t.plan);
    const b = build(run, tests);
    if (b.error) return { run, error: b.error, tests };
    return { run, tests, exit: await boot(run, b.elf) };
  }),
);

for (const { run, skip, error, tests, exit } of runs) {
  if (skip) {
    console.log(`${run.id}: skipped ${tests.length} calls: ${skip}`);
    continue;
  }
  if (error) {
    failed += 1;
    failures.push(`FAIL ${run.id}: ${error}`);
    continue;
  }
  ran.add(run.id);
  const version = qemuVersion(ARCHS[run.arch].qemu);
  const opensbi = exit.lines.map((l) => /^OpenSBI v(\d+\.\d+)/.exec(l)?.[1]).find(Boolean);
  platforms[run.id] = {
    qemu: version.split('.').slice(0, 2).join('.'),
    machine: run.machine,
    cpu: run.cpu,
    ...(opensbi ? { firmware: `OpenSBI ${opensbi}` } : {}),
  };
  writeFileSync(join(dir, `${run.id}.log`), `${exit.lines.join('\n')}\n${exit.stderr}\n`);
  const rec = parse(exit.lines);
  let ok = 0;
  let bad = 0;
  tests.forEach((t, i) => {
    const { obs, problems } = judge(run, t, i, rec, exit);
    observations.push(obs);
    if (t.by === 'firmware') {
      const why = unexplained(obs, t.plan, OBSERVED_NOTES);
      if (why) problems.push(why);
    }
    const name = `${snippetId(t.plan)}${t.label ? ` (${t.label})` : ''} on ${run.id}`;
    if (problems.length) {
      bad += 1;
      failures.push(`FAIL ${name}: ${problems.join('; ')}`);
    } else ok += 1;
  });
  if (rec.fault) failures.push(`FAIL ${run.id}: ${rec.fault}`);
  if (exit.timedOut) failures.push(`FAIL ${run.id}: QEMU timed out after ${TIMEOUT_MS / 1000} s`);
  if (rec.fault || exit.timedOut) bad += 1;
  console.log(`${run.id}: ${ok} passed, ${bad} failed (QEMU ${version}, ${run.machine}, ${run.cpu}, booted at level ${rec.booted})`);
  passed += ok;
  failed += bad;
}

// observed.json: what the runs saw; runs that were skipped keep what the file had.
const file = JSON.parse(readFileSync(OBSERVED, 'utf8'));
const next = {
  generatedBy: 'npm run check:cpu -- --write',
  platforms: { ...Object.fromEntries(Object.entries(file.platforms ?? {}).filter(([k]) => !ran.has(k))), ...platforms },
  observations: [...(file.observations ?? []).filter((o) => !ran.has(o.platform)), ...observations].sort((x, y) =>
    observedKey(x) < observedKey(y) ? -1 : observedKey(x) > observedKey(y) ? 1 : 0,
  ),
};
const text = `${JSON.stringify(next, null, 2)}\n`;
if (WRITE) {
  if (text !== readFileSync(OBSERVED, 'utf8')) writeFileSync(OBSERVED, text);
  console.log(`wrote ${OBSERVED}`);
} else if (text !== readFileSync(OBSERVED, 'utf8')) {
  const old = new Map((file.observations ?? []).map((o) => [observedKey(o), o]));
  const now = new Map(next.observations.map((o) => [observedKey(o), o]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].filter((k) => JSON.stringify(old.get(k)) !== JSON.stringify(now.get(k)));
  // A trap answered by our own handler is checked against the current plan on every run; its record is only what the app
  // shows, so a call added or changed in the catalog since the last --write is news, not drift. Firmware's answers drift.
  const news = keys.filter((k) => (now.get(k) ?? old.get(k)).trap);
  const drift = keys.filter((k) => !news.includes(k));
  const show = (o) => (o ? JSON.stringify(o) : 'nothing');
  for (const k of drift.slice(0, 10)) failures.push(`FAIL drift ${k}: ${OBSERVED} has ${show(old.get(k))}, the run saw ${show(now.get(k))}`);
  const platformsDrift = JSON.stringify(next.platforms) !== JSON.stringify(file.platforms);
  if (platformsDrift) failures.push(`FAIL drift: platforms differ from ${OBSERVED}`);
  if (news.length)
    failures.push(
      `note: ${news.length} traps answered by the check's own handler are new or changed since ${OBSERVED} was written; the app shows the old records`,
    );
  failures.push(`(${OBSERVED} is regenerated by: npm run check:cpu -- --write)`);
  if (drift.length || platformsDrift) failed += 1;
}

for (const f of failures) console.log(f);
if (failed === 0) rmSync(dir, { recursive: true, force: true });
else console.log(`images and sources kept in ${resolve(dir)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
