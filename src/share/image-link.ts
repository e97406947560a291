import { isPng, readPngText } from './png-text';
import { SVG_LINK_ELEMENT } from './svg';

/** The key of the PNG text chunk that carries the permalink. */
export const PNG_LINK_KEY = 'trapscope-permalink';

export type LinkFromFile = { ok: true; fragment: string } | { ok: false; message: string };

/**
 * The one decoder for files dropped on the page: a PNG or SVG that Trapscope
 * exported gives back its permalink's fragment; anything else a message.
 */
export function linkFromFile(name: string, bytes: Uint8Array): LinkFromFile {
  let link: string | undefined;
  if (isPng(bytes)) link = readPngText(bytes)[PNG_LINK_KEY];
  else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1 << 20));
    if (/<svg[\s>]/.test(text)) {
      const m = new RegExp(`<${SVG_LINK_ELEMENT}>([^<]{1,9000})</${SVG_LINK_ELEMENT}>`).exec(text);
      link = m?.[1]
        ?.replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'");
    } else {
      return { ok: false, message: `"${name}" is not a PNG or SVG picture exported by Trapscope.` };
    }
  }
  if (!link) return { ok: false, message: `"${name}" carries no Trapscope link; it was not exported by Trapscope, or an editor removed the link.` };
  const hash = link.indexOf('#');
  if (hash < 0) return { ok: false, message: `"${name}" carries a link with no view in it.` };
  return { ok: true, fragment: link.slice(hash) };
}
