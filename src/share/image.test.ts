import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireCall, requireConvention } from '../catalog';
import { marshal } from '../model/plan';
import { linkFromFile, PNG_LINK_KEY } from './image-link';
import { addPngText, crc32, readPngText } from './png-text';
import { escapeXml, registerSvg } from './svg';
import { catalog } from '../catalog/all';

// A 1x1 transparent PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const link = 'https://example.org/trapscope/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3';
const enc = (s: string) => new TextEncoder().encode(s);

describe('pictures that carry their permalink', () => {
  it('computes the PNG CRC the spec defines', () => {
    expect(crc32(enc('IEND')).toString(16)).toBe('ae426082');
  });

  it('a PNG keeps its chunks and gains the link', () => {
    const out = addPngText(PNG, PNG_LINK_KEY, link);
    expect(readPngText(out)).toEqual({ [PNG_LINK_KEY]: link });
    expect(linkFromFile('view.png', out)).toEqual({ ok: true, fragment: '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3' });
    expect(out.length).toBe(PNG.length + 12 + PNG_LINK_KEY.length + 1 + link.length);
  });

  it('an SVG carries the link in its metadata, escaped, and reads back', () => {
    const svg = registerSvg([marshal(requireConvention(catalog, 'smccc-1.1-hvc64'), requireCall(catalog, 'psci-cpu-on-64'), { x1: 1n })], [3], link);
    expect(svg).toContain('<trapscope:permalink>https://example.org/trapscope/#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&amp;step=3</trapscope:permalink>');
    expect(svg).toContain('hvc #0 = 0xD4000002');
    expect(linkFromFile('view.svg', enc(svg))).toEqual({ ok: true, fragment: '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3' });
  });

  it('reads text chunks of any size up to 1 MB, and finds the link beside a foreign chunk', () => {
    const big = (n: number) => 'A'.repeat(n);
    for (const n of [130_000, 200_000, 1 << 20]) expect(readPngText(addPngText(PNG, 'Comment', big(n))).Comment).toHaveLength(n);
    const both = addPngText(addPngText(PNG, PNG_LINK_KEY, link), 'Comment', big(1 << 20));
    expect(linkFromFile('view.png', both)).toEqual({ ok: true, fragment: '#/smccc-1.1-hvc64/psci-cpu-on-64?x1=0x1&step=3' });
  });

  it(
    'fuzz: a chunk of any length up to 1 MB, with or without the link beside it, never throws',
    () =>
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.boolean(), fc.integer({ min: 0, max: 255 }), (n, withLink, byte) => {
          const base = withLink ? addPngText(PNG, PNG_LINK_KEY, link) : PNG;
          const out = addPngText(base, 'Comment', String.fromCharCode(byte).repeat(n));
          expect(readPngText(out).Comment).toHaveLength(n);
          expect(linkFromFile('x.png', out).ok).toBe(withLink);
        }),
        { numRuns: 8 },
      ),
    60_000,
  );

  it('a comparison’s picture shows every pane, and wraps long sentences and links instead of cutting them', () => {
    const plans = [
      marshal(requireConvention(catalog, 'smccc-1.2-hvc64'), requireCall(catalog, 'psci-cpu-on-64')),
      marshal(requireConvention(catalog, 'hyperv-arm64-smccc'), requireCall(catalog, 'hyperv-arm64-get-vp-registers')),
      marshal(requireConvention(catalog, 'gunyah-2022-hvc-imm'), requireCall(catalog, 'gunyah-2022-hyp-identify')),
    ];
    const long = `https://example.org/trapscope/#/compare/${'smccc-1.2-hvc64/psci-cpu-on-64/'.repeat(6)}?at=7`;
    const svg = registerSvg(plans, [5, 6, 1], long);
    for (const p of plans) expect(svg).toContain(escapeXml(`${p.call.name} under ${p.convention.name}`));
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    // Every line of text, at a generous 0.62 em per character, ends inside the picture.
    for (const m of svg.matchAll(/<text x="(\d+)"[^>]*font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)) {
      const chars = m[3]!.replace(/&[a-z]+;/g, '&').length;
      if (!/text-anchor/.test(m[0])) expect(Number(m[1]) + chars * Number(m[2]) * 0.62, m[3]).toBeLessThanOrEqual(width);
    }
    // The link is written out whole across its lines, and the result register Gunyah has not written yet is pending, not lost.
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.join('').replace(/&amp;/g, '&')).toContain(long);
    expect(svg).toMatch(/>x1<\/text>\n<text[^>]*>RES<\/text>\n<text[^>]*>pending</);
  });

  it('says what is wrong with anything else, and never throws', () => {
    expect(linkFromFile('notes.txt', enc('hello'))).toMatchObject({ ok: false, message: expect.stringContaining('not a PNG or SVG') });
    expect(linkFromFile('other.png', PNG)).toMatchObject({ ok: false, message: expect.stringContaining('carries no Trapscope link') });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, asPng) => {
        const b = asPng ? new Uint8Array([...PNG.subarray(0, 8), ...bytes]) : bytes;
        const r = linkFromFile('x', b);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
