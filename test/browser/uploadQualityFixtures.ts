/**
 * The card photo of compressFixtures.ts spoiled the three ways people spoil them: out of focus,
 * in a dim room, and with a lamp's reflection across the card. Shared by the browser tests and
 * the end-to-end run; deterministic.
 */
import { documentPhoto } from './compressFixtures.ts';

export type Spoiled = 'blurred' | 'dark' | 'glared';

export async function spoiledDocumentPhoto(how: Spoiled, options: { width?: number; height?: number; seed?: number } = {}): Promise<Blob> {
  const { width = 4032, height = 3024, seed = 1 } = options;
  const sharp = await createImageBitmap(await documentPhoto({ width, height, seed }));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const u = Math.min(width, height) / 1000;
  if (how === 'blurred') {
    // A focus miss of about 1 % of the frame: the text melts, the card's outline stays.
    ctx.filter = `blur(${Math.round(9 * u)}px)`;
    ctx.drawImage(sharp, 0, 0);
  } else if (how === 'dark') {
    ctx.filter = 'brightness(0.22)';
    ctx.drawImage(sharp, 0, 0);
  } else {
    ctx.drawImage(sharp, 0, 0);
    // A lamp's reflection on the laminate: a blown-out spot about a tenth of the card's width across.
    const x = width * 0.42;
    const y = height * 0.45;
    const glow = ctx.createRadialGradient(x, y, 0, x, y, 130 * u);
    glow.addColorStop(0, 'rgba(255,255,255,1)');
    glow.addColorStop(0.5, 'rgba(255,255,255,1)');
    glow.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = glow;
    ctx.fillRect(0, 0, width, height);
  }
  sharp.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}
