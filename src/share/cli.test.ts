import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../catalog';
import { marshal } from '../model/plan';
import { viewJson } from './catalog-json';
import { runCli } from './cli';
import { viewText } from './text';

describe('trapscope command line', () => {
  it('prints exactly the text the Share panel makes', () => {
    const plan = marshal(requireConvention('smccc-1.1-hvc64'), requireCall('psci-cpu-on-64'), { x1: 0x101n });
    const r = runCli(['text', 'smccc-1.1-hvc64/psci-cpu-on-64', 'x1=0x101'], 'https://example.org/');
    expect(r).toEqual({ stdout: viewText([plan], 'https://example.org/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101'), stderr: '', code: 0 });
  });

  it('prints the same JSON, and takes --convention', () => {
    const plan = marshal(requireConvention('kvm-x86-vmcall'), requireCall('kvm-hc-kick-cpu'), {});
    expect(runCli(['json', 'kvm-hc-kick-cpu', '--convention', 'kvm-x86-vmcall']).stdout).toBe(viewJson([plan]));
  });

  it('prints the C snippets the Share panel shows', () => {
    expect(runCli(['c', 'smccc-1.1-hvc64/psci-cpu-on-64']).stdout).toContain('arm_smccc_1_1_hvc');
    expect(runCli(['asm', 'kvm-hc-kick-cpu']).stdout).toContain('vmcall');
  });

  it('lists every call id with the conventions it fits', () => {
    const lines = runCli(['list']).stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('psci-cpu-on-64\t'))).toMatch(/[\t,]smccc-1\.1-hvc64(,|$)/);
    expect(lines.length).toBeGreaterThan(50);
  });

  it('refuses unknown ids and bad values with a message and a non-zero exit', () => {
    expect(runCli(['text', 'no-such-call'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no call "no-such-call"') });
    expect(runCli(['text', 'psci-cpu-on-64', 'x1=banana'])).toMatchObject({ code: 1, stderr: expect.stringContaining('not a number') });
    expect(runCli(['text', 'psci-cpu-on-32', '--convention', 'smccc-1.1-hvc64'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot be made under'),
    });
    expect(runCli(['pdf', 'psci-cpu-on-64'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "pdf"') });
    expect(runCli([]).code).toBe(2);
  });

  it('refuses what it cannot read as a usage error (exit 2), never a silent success', () => {
    const usage = (argv: string[], said: string) => expect(runCli(argv)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(said) });
    usage(['text', 'psci-cpu-on-64', '--convention'], '--convention needs a convention id');
    usage(['text', 'psci-cpu-on-64', '--convention', 'x1=1'], '--convention needs a convention id');
    usage(['text', 'smccc-1.1-hvc64/psci-cpu-on-64/extra'], 'cannot read "smccc-1.1-hvc64/psci-cpu-on-64/extra"');
    usage(['text', 'smccc-1.1-hvc64/'], 'cannot read "smccc-1.1-hvc64/"');
    usage(['text', 'psci-cpu-on-64', 'x1=1', 'x1=2'], 'x1 is given twice');
    usage(['text', 'psci-cpu-on-64', 'x1=1', 'X1=2'], 'x1 is given twice');
    usage(['text', 'smccc-1.1-hvc64/psci-cpu-on-64', '--convention', 'smccc-1.2-hvc64'], 'the convention is given twice');
    usage(['text', 'psci-cpu-on-64', 'banana'], 'cannot read "banana"');
    expect(runCli(['text', 'psci-cpu-on-64', '--convention']).stderr).toContain('Usage:');
  });

  it('runs from npm with the app’s own modules', () => {
    const r = spawnSync('node', ['scripts/trapscope.mjs', 'text', 'smccc-1.1-hvc64/psci-cpu-on-64'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Instruction: hvc #0 = 0xD4000002, EL1 -> EL2');
  }, 30_000);
});
