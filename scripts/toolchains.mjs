// The cross compilers check-asm and check-cpu build with, and the app's
// modules loaded through Vite's module runner as the app loads them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runnerImport } from 'vite';

export const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'error' })).module;

export const COMMON = ['-c', '-O2', '-ffreestanding', '-fno-pic', '-fno-stack-protector', '-Wall', '-Werror'];

/** How each architecture is built and disassembled. */
export const TOOLCHAINS = {
  aarch64: { cc: 'aarch64-linux-gnu-gcc', flags: [], objdump: 'aarch64-linux-gnu-objdump', apt: 'gcc-aarch64-linux-gnu' },
  'x86-64': { cc: 'gcc', flags: ['-m64', '-mno-red-zone'], objdump: 'objdump', apt: 'gcc' },
  x86: { cc: 'gcc', flags: ['-m32'], objdump: 'objdump', apt: 'gcc-multilib' },
  aarch32: { cc: 'arm-linux-gnueabihf-gcc', flags: ['-marm'], objdump: 'arm-linux-gnueabihf-objdump', apt: 'gcc-arm-linux-gnueabihf' },
  riscv64: { cc: 'riscv64-linux-gnu-gcc', flags: [], objdump: 'riscv64-linux-gnu-objdump', apt: 'gcc-riscv64-linux-gnu' },
};

/** Why an architecture cannot be built here (compiling a probe in dir), or undefined when it can. */
export function unavailable(arch, dir) {
  const t = TOOLCHAINS[arch];
  if (!t) return `no toolchain known for ${arch}`;
  for (const tool of [t.cc, t.objdump]) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return `${tool} not found (apt-get install ${t.apt})`;
  }
  const probe = join(dir, `probe-${arch}.c`);
  writeFileSync(probe, 'int trapscope_probe(int x) { return x + 1; }\n');
  const r = spawnSync(t.cc, [...COMMON, ...t.flags, probe, '-o', join(dir, `probe-${arch}.o`)], { encoding: 'utf8' });
  if (r.status !== 0) return `${t.cc} ${t.flags.join(' ')} cannot build: ${(r.stderr || '').trim().split('\n')[0]} (apt-get install ${t.apt})`;
  return undefined;
}
