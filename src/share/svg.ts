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

export function registerSvg(plan: Plan, stepIndex: number, permalink: string): string {
  const step = plan.steps[Math.max(0, Math.min(stepIndex, plan.steps.length - 1))]!;
  const cells = plan.drawnCells;
  const cols = 8;
  const cw = 150;
  const ch = 58;
  const top = 118;
  const width = cols * cw + 40;
  const height = top + Math.ceil(cells.length / cols) * ch + 60;
  const mono = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
  const sans = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const syn = plan.trap.syndrome;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:trapscope="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">`,
  );
  out.push(`<title id="t">${escapeXml(`${plan.call.name} under ${plan.convention.name}`)}</title>`);
  out.push(`<desc id="d">${escapeXml(`Step ${step.index + 1} of ${plan.steps.length} (${step.phase}): ${step.text}`)}</desc>`);
  out.push(`<metadata><${SVG_LINK_ELEMENT}>${escapeXml(permalink)}</${SVG_LINK_ELEMENT}></metadata>`);
  out.push(`<rect width="100%" height="100%" fill="#f8fafc"/>`);
  out.push(
    `<text x="20" y="34" font-family="${sans}" font-size="20" font-weight="700" fill="#0f172a">${escapeXml(`${plan.call.name} under ${plan.convention.name}`)}</text>`,
  );
  out.push(
    `<text x="20" y="60" font-family="${mono}" font-size="14" fill="#0f172a">${escapeXml(
      `${plan.trap.instruction.text} = ${plan.trap.instruction.hex} · ${plan.trap.from} -> ${plan.trap.to}${syn ? ` · ${syn.register} = ${formatHex(syn.value, 8)}` : ''}`,
    )}</text>`,
  );
  out.push(
    `<text x="20" y="86" font-family="${sans}" font-size="14" fill="#475569">${escapeXml(`Step ${step.index + 1}/${plan.steps.length}, ${step.phase}: ${clip(step.text, 150)}`)}</text>`,
  );
  cells.forEach((name, i) => {
    const c = step.cells[name]!;
    const r = ROLE[c.role]!;
    const x = 20 + (i % cols) * cw;
    const y = top + Math.floor(i / cols) * ch;
    const value = c.value !== undefined ? formatHex(c.value) : c.role === 'clobbered' ? 'unknown' : c.role === 'preserved' ? 'kept' : '-';
    const dash = c.role === 'clobbered' ? ' stroke-dasharray="6 3"' : '';
    out.push(`<g><rect x="${x}" y="${y}" width="${cw - 8}" height="${ch - 8}" rx="6" fill="${r.fill}" stroke="${r.stroke}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${x + 8}" y="${y + 18}" font-family="${mono}" font-size="12" font-weight="700" fill="${r.ink}">${escapeXml(c.label)}</text>`);
    out.push(
      `<text x="${x + cw - 16}" y="${y + 18}" text-anchor="end" font-family="${sans}" font-size="10" font-weight="700" fill="${r.ink}">${r.badge}</text>`,
    );
    out.push(
      `<text x="${x + 8}" y="${y + 38}" font-family="${mono}" font-size="14" font-weight="600" fill="${r.ink}">${escapeXml(clip(value, 18))}</text></g>`,
    );
  });
  out.push(
    `<text x="20" y="${height - 20}" font-family="${sans}" font-size="12" fill="#475569">${escapeXml(`ID call id · ARG argument · RES result · LOST clobbered · KEPT preserved — ${permalink}`)}</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
