import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog/all';
import { viewLinuxC } from '../../share/c-snippet';
import { decodePermalink } from '../../share/permalink';
import { embedUrl, exportAs, FORMATS, type Shared } from './exports';

const shared = (fragment: string, link = `https://example.org/${fragment}`): Shared => {
  const { state, derived } = decodePermalink(catalog, fragment);
  return { catalog, view: state, derived, link, textForm: 'short', steps: derived.moments[state.step]!.steps };
};

describe('what the Share panel shares', () => {
  it('adds embed=1 to the fragment’s query, or starts one', () => {
    expect(embedUrl('https://x.org/#/smccc-1.1-hvc64/psci-cpu-on-64')).toBe('https://x.org/#/smccc-1.1-hvc64/psci-cpu-on-64?embed=1');
    expect(embedUrl('https://x.org/#/smccc-1.1-hvc64/psci-cpu-on-64?at=3')).toBe('https://x.org/#/smccc-1.1-hvc64/psci-cpu-on-64?at=3&embed=1');
    expect(embedUrl('https://x.org/?q=1')).toBe('https://x.org/?q=1');
  });

  it('titles the embed with every pane, escaped for the attribute', () => {
    const s = shared('#/compare/smccc-1.1-hvc64/psci-cpu-on-64/smccc-1.2-hvc64/psci-cpu-on-64');
    const iframe = exportAs('embed', s);
    expect(iframe).toContain('title="Trapscope: PSCI CPU_ON (SMC64) under SMCCC 1.1 · HVC64 vs PSCI CPU_ON (SMC64) under SMCCC 1.2 · HVC64"');
    expect(iframe).toContain(`src="${embedUrl(s.link)}"`);
  });

  it.each(FORMATS)('%s: carries the view on screen (its link, or its call and values)', (format) => {
    const s = shared('#/kvm-x86-vmcall/kvm-hc-kick-cpu?rbx=0x7');
    const out = exportAs(format, s);
    if (format === 'link') expect(out).toBe(s.link);
    else if (format === 'c') expect(out).toBe(viewLinuxC(catalog, s.derived.plans));
    else expect(out).toMatch(format === 'embed' || format === 'picture' || format === 'text' ? /kvm-hc-kick-cpu|KVM_HC_KICK_CPU/ : /0x7|KVM_HC_KICK_CPU/);
  });

  it('gives the short text by default and the full one when asked', () => {
    const s = shared('#/smccc-1.1-hvc64/psci-cpu-on-64');
    const short = exportAs('text', s);
    const full = exportAs('text', { ...s, textForm: 'full' });
    expect(full.split('\n').length).toBeGreaterThan(short.split('\n').length);
    expect(short).toContain(s.link);
  });
});
