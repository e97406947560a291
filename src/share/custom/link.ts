import { decodeCustom, type DecodedCustom } from './decode';
import type { CustomDefinition } from './schema';

/**
 * A custom definition travels inside the link, so a proposal pasted into a
 * mail thread opens with nothing stored anywhere: `def=1.<base64url of the
 * deflate-raw compressed JSON>`. The leading "1." versions the envelope.
 */
export const DEF_PARAM = 'def';
const ENVELOPE = '1.';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeDefinitionParam(def: CustomDefinition): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(def));
  return `${ENVELOPE}${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/** Total: any text yields a decoded definition or errors saying what is wrong with the link. */
export async function decodeDefinitionParam(text: string): Promise<DecodedCustom> {
  const fail = (message: string): DecodedCustom => ({ ok: false, errors: [{ path: DEF_PARAM, message }] });
  if (!text.startsWith(ENVELOPE)) return fail('The custom convention in this link is in a format this version of Trapscope does not know.');
  const bytes = fromBase64Url(text.slice(ENVELOPE.length));
  if (!bytes || bytes.length > 1 << 16) return fail('The custom convention in this link is damaged (it may have been cut short).');
  let json: unknown;
  try {
    const raw = await pipe(bytes, new DecompressionStream('deflate-raw'));
    if (raw.length > 1 << 20) return fail('The custom convention in this link is too large.');
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return fail('The custom convention in this link is damaged (it may have been cut short).');
  }
  return decodeCustom(json);
}
