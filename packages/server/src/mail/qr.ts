import encodeQR from 'qr';
import type { Picture } from './document.js';

/** Pixels per QR module in the GIF: 4 × 29 modules ≈ 116 px, which a phone reads off a screen; about 19 KB in base64. */
const SCALE = 4;

/**
 * A QR code of `text` as a GIF data URI, for an HTML mail: a GIF because mail clients show an
 * `<img>` where many drop inline SVG. Medium error correction (15% of the symbol can be damaged).
 */
export function qrPicture(text: string, alt: string): Picture {
  const gif = encodeQR(text, 'gif', { ecc: 'medium', scale: SCALE, border: 4 });
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 }).length;
  return { src: `data:image/gif;base64,${Buffer.from(gif).toString('base64')}`, alt, size: modules * SCALE };
}
