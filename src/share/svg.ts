import { cellValue } from '../model/cell-value';
import type { Plan } from '../model/plan';
import { formatHex } from '../model/value';

/**
 * The register diagram of one step as a standalone SVG, with the permalink
 * in its metadata so that dropping the file back onto Trapscope reopens the
 * view. Light colours only: a picture pasted into slides or a bug report
 * should look the same everywhere.
 */
export const SVG_LINK_ELEMENT = 'trapscope:permalink';
const NS = 'https://trapscope.invalid/ns/1';

const ROLE: Record<string, { fill: string; stroke: string; ink: string; badge: string }> = {
  'call-id': { fill: '#ede9fe', stroke: '#7c3aed', ink: '#4c1d95', badge: 'ID' },
  argument: { fill: '#e0f2fe', stroke: '#0284c7', ink: '#0c4a6e', badge: 'ARG' },
  result: { fill: '#dcfce7', stroke: '#16a34a', ink: '#14532d', badge: 'RES' },
  clobbered: { fill: '#fef3c7', stroke: '#d97706', ink: '#78350f', badge: 'LOST' },
  preserved: { fill: '#f1f5f9', stroke: '#64748b', ink: '#1e293b', badge: 'KEPT' },
  unused: { fill: '#ffffff', stroke: '#e2e8f0', ink: '#64748b', badge: '-' },
};

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const MONO = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const COLS = 8;
const CW = 150;
const CH = 58;
const WIDTH = COLS * CW + 40;
/** Generous average glyph widths (px per px of font size), so wrapped lines stay inside the picture in any font. */
const SANS_EM = 0.6;
const MONO_EM = 0.62;

/** Lines of at most `chars` characters: at spaces where it can, inside a word (a URL) where it must. Nothing is dropped. */
export function wrapPicture(text: string, chars: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > chars) {
    let cut = rest.lastIndexOf(' ', chars);
    if (cut <= 0) cut = chars;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * The register diagram at a moment as a standalone SVG: one block per pane
 * (a comparison shows every pane, each with its call, trap and sentence),
 * text wrapped to the width and values shrunk to their cell, so nothing is
 * cut. The permalink is in the metadata, so that dropping the file back onto
 * Trapscope reopens the view, and written out at the foot.
 */
export function registerSvg(plans: readonly Plan[], steps: readonly number[], permalink: string): string {
  const compare = plans.length > 1;
  const out: string[] = [];
  const body: string[] = [];
  let y = 0;
  const text = (x: number, size: number, family: string, fill: string, s: string, extra = '') =>
    body.push(`<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(s)}</text>`);
  const para = (s: string, size: number, family: string, fill: string, extra = '') => {
    for (const line of wrapPicture(s, Math.floor((WIDTH - 40) / (size * (family === MONO ? MONO_EM : SANS_EM))))) {
      y += size + 6;
      text(20, size, family, fill, line, extra);
    }
  };

  const titles = plans.map((p) => `${p.call.name} under ${p.convention.name}`);
  plans.forEach((plan, i) => {
    const stepIndex = Math.max(0, Math.min(steps[i] ?? 0, plan.steps.length - 1));
    const step = plan.steps[stepIndex]!;
    const cells = step.cells;
    const syn = plan.trap.syndrome;
    y += i === 0 ? 14 : 30;
    para(`${compare ? `${i + 1}. ` : ''}${titles[i]}`, 20, SANS, '#0f172a', ' font-weight="700"');
    para(
      `${plan.trap.instruction.text} = ${plan.trap.instruction.hex} · ${plan.trap.from} -> ${plan.trap.to}${syn ? ` · ${syn.register} = ${formatHex(syn.value, 8)}` : ''}`,
      14,
      MONO,
      '#0f172a',
    );
    para(`Step ${step.index + 1}/${plan.steps.length}, ${step.phase}: ${step.text}`, 14, SANS, '#475569');
    y += 14;
    plan.drawnCells.forEach((name, k) => {
      const c = cells[name]!;
      const r = ROLE[c.role]!;
      const x = 20 + (k % COLS) * CW;
      const top = y + Math.floor(k / COLS) * CH;
      const value = cellValue(c);
      // A value too long for its cell is drawn smaller, never clipped.
      const size = Math.min(14, Math.floor((CW - 24) / (value.length * MONO_EM)));
      const dash = c.role === 'clobbered' ? ' stroke-dasharray="6 3"' : '';
      body.push(`<g><rect x="${x}" y="${top}" width="${CW - 8}" height="${CH - 8}" rx="6" fill="${r.fill}" stroke="${r.stroke}" stroke-width="2"${dash}/>`);
      body.push(`<text x="${x + 8}" y="${top + 18}" font-family="${MONO}" font-size="12" font-weight="700" fill="${r.ink}">${escapeXml(c.label)}</text>`);
      body.push(
        `<text x="${x + CW - 16}" y="${top + 18}" text-anchor="end" font-family="${SANS}" font-size="10" font-weight="700" fill="${r.ink}">${r.badge}</text>`,
      );
      body.push(
        `<text x="${x + 8}" y="${top + 38}" font-family="${MONO}" font-size="${size}" font-weight="600" fill="${r.ink}">${escapeXml(value)}</text></g>`,
      );
    });
    y += Math.ceil(plan.drawnCells.length / COLS) * CH;
  });
  y += 6;
  para('ID call id · ARG argument · RES result · LOST clobbered · KEPT preserved', 12, SANS, '#475569');
  para(permalink, 12, MONO, '#475569');
  const height = y + 20;

  const first = plans[0]!.steps[Math.max(0, Math.min(steps[0] ?? 0, plans[0]!.steps.length - 1))]!;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:trapscope="${NS}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="t d">`,
  );
  out.push(`<title id="t">${escapeXml(titles.join(' vs '))}</title>`);
  out.push(
    `<desc id="d">${escapeXml(compare ? `${plans.length} calls side by side, ${first.phase}` : `Step ${first.index + 1} of ${plans[0]!.steps.length} (${first.phase}): ${first.text}`)}</desc>`,
  );
  out.push(`<metadata><${SVG_LINK_ELEMENT}>${escapeXml(permalink)}</${SVG_LINK_ELEMENT}></metadata>`);
  out.push(`<rect width="100%" height="100%" fill="#f8fafc"/>`);
  return `${[...out, ...body, '</svg>'].join('\n')}\n`;
}
