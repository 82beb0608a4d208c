import { expect } from 'vitest';
import { base64Length } from '../../src/core/limits.ts';

/**
 * What the sandbox must have received from the three-photo identity-card walk: one request within
 * the vendor's limits, three JPEGs each within its own, none shrunk from the 4032 × 3024 originals
 * to a thumbnail (legible text needs the resolution).
 */
export async function expectIdCardReceipt(origin: string): Promise<void> {
  const received = await (await fetch(`${origin}/api/sandbox/last-submission`)).json();
  expect(received.country).toBe('LT');
  expect(received.documentType).toBe('ID_CARD');
  expect(received.requestBytes).toBeLessThanOrEqual(20_000_000);
  expect(Object.keys(received.images).sort()).toEqual(['BACK', 'FACE', 'FRONT']);
  for (const image of Object.values<{ type: string; bytes: number; width: number; height: number }>(received.images)) {
    expect(image.type).toBe('jpeg');
    expect(base64Length(image.bytes)).toBeLessThanOrEqual(6_000_000);
    expect(Math.max(image.width, image.height)).toBeGreaterThanOrEqual(3000);
  }
}
