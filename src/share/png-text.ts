/**
 * PNG tEXt chunks: writing the permalink into an exported picture, and
 * reading it back from a dropped file. Reading is total: any bytes yield the
 * text chunks found, or none.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));

/** Inserts a tEXt chunk right after IHDR. Keyword and text are Latin-1, as the PNG spec requires. */
export function addPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG');
  const ihdrEnd = 8 + 8 + readU32(png, 8) + 4;
  const key = latin1(keyword);
  const body = latin1(text);
  const type = latin1('tEXt');
  // Length, type, keyword, NUL, text, CRC (over type and data).
  const chunk = new Uint8Array(12 + key.length + 1 + body.length);
  writeU32(chunk, 0, chunk.length - 12);
  chunk.set(type, 4);
  chunk.set(key, 8);
  chunk.set(body, 8 + key.length + 1);
  writeU32(chunk, chunk.length - 4, crc32(chunk.subarray(4, chunk.length - 4)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd));
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

/**
 * Bytes as Latin-1 text, a slice at a time: spreading a whole chunk into
 * String.fromCharCode's arguments overflows the stack at about 130 kB.
 * (TextDecoder's "latin1" is windows-1252, which differs at 0x80-0x9f.)
 */
function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 0x2000) out += String.fromCharCode(...bytes.subarray(at, at + 0x2000));
  return out;
}

export function readPngText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPng(bytes)) return out;
  let at = 8;
  while (at + 12 <= bytes.length) {
    const len = readU32(bytes, at);
    const type = latin1Text(bytes.subarray(at + 4, at + 8));
    if (at + 12 + len > bytes.length) break;
    if (type === 'tEXt') {
      const data = bytes.subarray(at + 8, at + 8 + len);
      const zero = data.indexOf(0);
      if (zero > 0) out[latin1Text(data.subarray(0, zero))] = latin1Text(data.subarray(zero + 1));
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
