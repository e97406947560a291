import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../catalog';
import { marshal } from '../model/plan';
import { viewJson } from './catalog-json';
import { runCli } from './cli';
import { callId, conventionId } from './custom/build';
import { copyOfBuiltIn } from './custom/copy';
import { encodeDefinitionParam } from './custom/link';
import { decodePermalink } from './permalink';
import { derive } from './plans';
import { viewText } from './view-text';
import { catalog } from '../catalog/all';

/** What the Share panel shows for a link opened at a base address, in a given form. */
function sharePanelText(base: string, fragment: string, form: 'short' | 'full'): string {
  const { state } = decodePermalink(catalog, fragment);
  return viewText(state, derive(catalog, state), `${base}${fragment}`, form);
}

describe('trapscope command line', () => {
  it('prints exactly the text the Share panel makes, short unless told', async () => {
    const r = await runCli(catalog, ['text', 'smccc-1.1-hvc64/psci-cpu-on-64', 'x1=0x101'], 'https://example.org/');
    expect(r).toEqual({ stdout: sharePanelText('https://example.org/', '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101', 'short'), stderr: '', code: 0 });
    const full = await runCli(catalog, ['text', '--full', 'smccc-1.1-hvc64/psci-cpu-on-64', 'x1=0x101'], 'https://example.org/');
    expect(full.stdout).toBe(sharePanelText('https://example.org/', '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101', 'full'));
  });

  it('prints the same JSON, and takes --convention', async () => {
    const plan = marshal(requireConvention(catalog, 'kvm-x86-vmcall'), requireCall(catalog, 'kvm-hc-kick-cpu'), {});
    expect((await runCli(catalog, ['json', 'kvm-hc-kick-cpu', '--convention', 'kvm-x86-vmcall'])).stdout).toBe(viewJson([plan]));
  });

  it('prints the C snippets the Share panel shows', async () => {
    expect((await runCli(catalog, ['c', 'smccc-1.1-hvc64/psci-cpu-on-64'])).stdout).toContain('arm_smccc_1_1_hvc');
    expect((await runCli(catalog, ['asm', 'kvm-hc-kick-cpu'])).stdout).toContain('vmcall');
  });

  it('lists every call id with the conventions it fits', async () => {
    const lines = (await runCli(catalog, ['list'])).stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('psci-cpu-on-64\t'))).toMatch(/[\t,]smccc-1\.1-hvc64(,|$)/);
    expect(lines.length).toBeGreaterThan(50);
  });

  it('refuses unknown ids and bad values with a message and a non-zero exit', async () => {
    expect(await runCli(catalog, ['text', 'no-such-call'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no call "no-such-call"') });
    expect(await runCli(catalog, ['text', 'psci-cpu-on-64', 'x1=banana'])).toMatchObject({ code: 1, stderr: expect.stringContaining('not a number') });
    expect(await runCli(catalog, ['text', 'psci-cpu-on-32', '--convention', 'smccc-1.1-hvc64'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot be made under'),
    });
    expect(await runCli(catalog, ['pdf', 'psci-cpu-on-64'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "pdf"') });
    expect(await runCli(catalog, ['json', '--short', 'psci-cpu-on-64'])).toMatchObject({ code: 2, stderr: expect.stringContaining('for the text format only') });
    expect((await runCli(catalog, [])).code).toBe(2);
  });
});

describe('permalinks from the terminal', () => {
  const base = 'https://trapscope.example/app/';

  it.each([
    ['a single call', '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x101&at=6'],
    [
      'a comparison',
      '#/compare/smccc-1.2-hvc64/psci-cpu-on-64/hyperv-arm64-smccc/hyperv-arm64-get-vp-registers/gunyah-2022-hvc-imm/gunyah-2022-hyp-identify?at=7',
    ],
    ['a guide', '#/guide/x86-styles?at=7'],
  ])('prints what the Share panel prints for %s, in both forms, keeping the link’s own address', async (_what, fragment) => {
    for (const form of ['short', 'full'] as const) {
      const r = await runCli(catalog, ['text', `--${form}`, `${base}${fragment}`]);
      expect(r).toEqual({ stdout: sharePanelText(base, fragment, form), stderr: '', code: 0 });
    }
  });

  it('takes a bare fragment, and writes an old (format 1) link as today’s link to the same view', async () => {
    const r = await runCli(catalog, ['text', '#/guide/smccc-versions?step=5'], base);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('registers at step 6/');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`${base}#/guide/smccc-versions?at=6`);
  });

  it('opens a link that carries a custom definition, and keeps it in the printed link', async () => {
    const copy = copyOfBuiltIn(requireConvention(catalog, 'smccc-1.1-hvc64'), [requireCall(catalog, 'psci-cpu-on-64')]);
    const def = { ...copy, convention: { ...copy.convention, id: 'cli-test', name: 'My proposal' } };
    const param = await encodeDefinitionParam(def);
    const r = await runCli(catalog, ['text', `#/compare/smccc-1.1-hvc64/psci-cpu-on-64/${conventionId(def)}/${callId(def, def.calls[0]!)}?def=${param}`], base);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('under My proposal');
    expect(r.stdout).toContain(`def=${param}`);
  });

  it('says what it could not honour, after printing the view it did open', async () => {
    const r = await runCli(catalog, ['text', '#/smccc-1.1-hvc64/psci-cpu-o']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not read exactly as written:\n {2}This link names a call Trapscope does not know/);
    expect(r.stdout).toContain('under SMCCC 1.1');
    expect(await runCli(catalog, ['text', '#/guide/x86-styles', 'x1=1'])).toMatchObject({ code: 2, stderr: expect.stringContaining('carries its own values') });
  });

  it('refuses what it cannot read as a usage error (exit 2), never a silent success', async () => {
    const usage = (argv: string[], said: string) => expect(runCli(catalog, argv)).resolves.toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(said) });
    await usage(['text', 'psci-cpu-on-64', '--convention'], '--convention needs a convention id');
    await usage(['text', 'psci-cpu-on-64', '--convention', 'x1=1'], '--convention needs a convention id');
    await usage(['text', 'smccc-1.1-hvc64/psci-cpu-on-64/extra'], 'cannot read "smccc-1.1-hvc64/psci-cpu-on-64/extra"');
    await usage(['text', 'smccc-1.1-hvc64/'], 'cannot read "smccc-1.1-hvc64/"');
    await usage(['text', 'psci-cpu-on-64', 'x1=1', 'x1=2'], 'x1 is given twice');
    await usage(['text', 'psci-cpu-on-64', 'x1=1', 'X1=2'], 'x1 is given twice');
    await usage(['text', 'smccc-1.1-hvc64/psci-cpu-on-64', '--convention', 'smccc-1.2-hvc64'], 'the convention is given twice');
    await usage(['text', 'psci-cpu-on-64', 'banana'], 'cannot read "banana"');
    expect((await runCli(catalog, ['text', 'psci-cpu-on-64', '--convention'])).stderr).toContain('Usage:');
  });

  it('runs from npm with the app’s own modules', () => {
    const r = spawnSync('node', ['scripts/trapscope.mjs', 'text', '--full', '#/compare/smccc-1.0-hvc64/psci-cpu-on-64/smccc-1.1-hvc64/psci-cpu-on-64?at=6'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 may clobber x4-x17, which 2 keeps.');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('#/compare/smccc-1.0-hvc64/psci-cpu-on-64/smccc-1.1-hvc64/psci-cpu-on-64?at=6');
  }, 30_000);
});
