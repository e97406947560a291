import { PNG_LINK_KEY } from '../../share/image-link';
import { addPngText } from '../../share/png-text';

/** Rasterises the SVG at twice its size and writes the permalink into a PNG text chunk. */
export async function svgToPng(svg: string, permalink: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * 2;
    canvas.height = img.naturalHeight * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    const bytes = addPngText(new Uint8Array(await png.arrayBuffer()), PNG_LINK_KEY, permalink);
    return new Blob([bytes as BlobPart], { type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}
