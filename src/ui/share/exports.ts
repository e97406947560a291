import type { Catalog } from '../../catalog';
import { viewAsmC, viewLinuxC } from '../../share/c-snippet';
import { viewJson } from '../../share/catalog-json';
import type { Derived } from '../../share/plans';
import { escapeXml, registerSvg } from '../../share/svg';
import type { TextForm } from '../../share/text';
import type { ViewState } from '../../share/view';
import { viewText } from '../../share/view-text';

export type Format = 'link' | 'text' | 'json' | 'c' | 'asm' | 'picture' | 'embed';

export const LABEL: Record<Format, string> = {
  link: 'Permalink',
  text: 'Plain text (email)',
  json: 'JSON',
  c: 'C (Linux)',
  asm: 'C (inline asm)',
  picture: 'Picture',
  embed: 'Embed',
};
export const FORMATS = Object.keys(LABEL) as Format[];

/** The same link with embed=1 added to its fragment's query. */
export function embedUrl(link: string): string {
  const hash = link.indexOf('#');
  if (hash < 0) return link;
  return `${link}${link.slice(hash).includes('?') ? '&' : '?'}embed=1`;
}

/** What the Share panel shares, all read from the plans the screen draws. */
export interface Shared {
  catalog: Catalog;
  view: ViewState;
  derived: Derived;
  link: string;
  textForm: TextForm;
  /** The step each pane shows now, for the picture. */
  steps: readonly number[];
}

/** One format's text, made when its tab is shown or copied. */
export function exportAs(format: Format, s: Shared): string {
  const { plans } = s.derived;
  switch (format) {
    case 'link':
      return s.link;
    case 'text':
      return viewText(s.view, s.derived, s.link, s.textForm);
    case 'json':
      return viewJson(plans);
    case 'c':
      return viewLinuxC(s.catalog, plans);
    case 'asm':
      return viewAsmC(plans);
    case 'picture':
      return registerSvg(plans, s.steps, s.link);
    case 'embed': {
      const title = escapeXml(`Trapscope: ${plans.map((p) => `${p.call.name} under ${p.convention.name}`).join(' vs ')}`);
      return `<iframe src="${embedUrl(s.link)}" title="${title}" width="100%" height="760" style="border:0" loading="lazy"></iframe>\n`;
    }
  }
}
