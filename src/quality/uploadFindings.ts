/**
 * The checks an uploaded photo gets, on the downscaled copy the compression worker makes of it:
 * the camera's own analysis (./analyseFrame.ts) for a step that photographs an ID document, and
 * only what makes sense for anything else (a bill, a merchant's own photo): blur and exposure over
 * the whole picture. Every step also gets the legibility floor of the source's resolution. Pure.
 */
import type { CaptureFrame } from '../core/captureGuide.ts';
import { analyseDocumentImage, type DocumentKind } from './analyseFrame.ts';
import { EXPOSURE_LIMITS, measureExposure } from './exposure.ts';
import { frameFromRgba, type QualityFrame } from './frame.ts';
import { extractRegion, rectQuad, type Region } from './region.ts';
import { measureSharpness, SHARPNESS_THRESHOLD } from './sharpness.ts';

/**
 * Insets (share of each side) of the second and third looks for a document not found in the whole
 * picture: the camera's search scans in from the borders, and a screenshot's window bar or a
 * scanner's lid edge is the first straight edge it meets there.
 */
const RETRY_INSETS = [0.06, 0.12];
/** Tiles of the analysis frame over which an undocumented picture's sharpness is judged. */
const TILE = 48;
/** A tile flatter than this (luma standard deviation) has nothing to be sharp: paper, sky, a wall. */
const TEXTURED_TILE_SD = 12;
/** Share of sharp textured tiles above which a picture may hold a document the search could not place. */
const MIN_TEXTURED_SHARE = 0.1;
/** Luma of print: a page with at least {@link MIN_INK_SHARE} of it is not washed out, however white its paper. */
const INK_LUMA = 128;
const MIN_INK_SHARE = 0.005;

/** Which checks a step's uploads get: the document ones for an ID document, the basic ones for anything else. */
export type UploadCheck = { scope: 'document'; kind: Exclude<DocumentKind, 'other'> } | { scope: 'basic' };

/**
 * What an upload check can find. Of the camera's faults, `tilted` and `unsteady` are left out: a
 * flat scan or a photo taken at a slight angle reads fine, and a still has no motion.
 */
export type UploadFinding =
  | { code: 'dark' | 'bright' | 'noDocument' | 'cutOff' | 'tooFar' | 'glare' | 'blur' }
  | { code: 'lowResolution'; width: number; height: number; limit: number };

export type UploadFindingCode = UploadFinding['code'];

/** Most important first, as the camera orders its faults; the resolution last, since a retake fixes the rest too. */
export const UPLOAD_FINDINGS: readonly UploadFindingCode[] = ['dark', 'bright', 'noDocument', 'cutOff', 'tooFar', 'glare', 'blur', 'lowResolution'];

/**
 * The same floor as src/compress/jpegSearch.ts's MIN_LONG_SIDE: below 1,200 px on the long side an
 * MRZ or a statement's small print is no longer reliably read.
 */
export const LEGIBLE_LONG_SIDE = 1200;

/** The checks for a step, from the outline its camera would draw (src/core/captureGuide.ts). */
export function uploadCheckFor(frame: CaptureFrame): UploadCheck {
  if (frame === 'CARD') return { scope: 'document', kind: 'idDocument' };
  if (frame === 'PASSPORT_PAGE') return { scope: 'document', kind: 'passport' };
  return { scope: 'basic' };
}

/** `frame`: the downscaled copy; `source`: the upload's own size, upright. */
export function uploadFindings(frame: QualityFrame, check: UploadCheck, source: { width: number; height: number }): UploadFinding[] {
  const found: UploadFinding[] = check.scope === 'document' ? documentFindings(frame, check.kind) : basicFindings(frame);
  if (Math.max(source.width, source.height) < LEGIBLE_LONG_SIDE) found.push({ code: 'lowResolution', width: source.width, height: source.height, limit: LEGIBLE_LONG_SIDE });
  return found.sort((a, b) => UPLOAD_FINDINGS.indexOf(a.code) - UPLOAD_FINDINGS.indexOf(b.code));
}

function documentFindings(frame: QualityFrame, kind: Exclude<DocumentKind, 'other'>): UploadFinding[] {
  // No outline: an upload was framed by whoever took it, so the document is looked for everywhere.
  const first = analyseDocumentImage(frame, { kind, outline: null });
  // The camera calls a card bright from its mean alone; a pale card photographed well is bright on
  // average with its print still dark. An upload is called washed out only when its print is too.
  if (first.failures[0]?.code === 'bright' && first.exposure.p5 < EXPOSURE_LIMITS.brightP5) {
    return isBlurred(tileScores(frame)) ? [{ code: 'blur' }] : [];
  }
  let failures = first.failures;
  for (const inset of RETRY_INSETS) {
    if (!failures.some((failure) => failure.code === 'noDocument')) break;
    // Only a look that finds the whole document replaces the first: a crop must not hide a cut-off edge.
    const closer = analyseDocumentImage(crop(frame, inset), { kind, outline: null }).failures;
    if (!closer.some((failure) => failure.code === 'noDocument' || failure.code === 'cutOff')) failures = closer;
  }
  if (failures.some((failure) => failure.code === 'noDocument')) {
    const detail = tileScores(frame);
    // Blur smears the edges the search looks for: when nothing is found, a blurred picture is told as blurred.
    if (isBlurred(detail)) return [{ code: 'blur' }];
    // The search reads straight edges from the borders in; a picture full of sharp detail it cannot
    // place (a screenshot of a photo of the card, a card among papers) may well show the document,
    // and a false "no document" would push away a good photo. Only a picture with little detail
    // (an empty table, a wall, the floor) is told that no document is in it.
    if (detail.textured >= MIN_TEXTURED_SHARE * detail.tiles) return [];
  }
  // The camera's score is taken over the whole card, whose flat areas dilute it; an upload is only
  // called blurred when its sharpest detail agrees, so a crisp but plain card (a drawing, a
  // screenshot of a scan) is not sent back for nothing.
  const blurConfirmed = failures.some((failure) => failure.code === 'blur') && isBlurred(tileScores(frame));
  const kept: UploadFinding[] = [];
  for (const failure of failures) {
    if (failure.code === 'tilted' || failure.code === 'unsteady' || (failure.code === 'blur' && !blurConfirmed)) continue;
    kept.push({ code: failure.code });
  }
  return kept;
}

function basicFindings(frame: QualityFrame): UploadFinding[] {
  const whole = extractRegion(frame, rectQuad({ x: 0, y: 0, width: 1, height: 1 }, frame.width, frame.height), frame.width / frame.height);
  const exposure = measureExposure(whole);
  if (exposure.verdict === 'dark') return [{ code: 'dark' }];
  // A page is white paper with a little ink: bright on average, but washed out only when no ink is left.
  if (exposure.verdict === 'bright' && inkShare(frame) < MIN_INK_SHARE) return [{ code: 'bright' }];
  return isBlurred(tileScores(frame)) ? [{ code: 'blur' }] : [];
}

function inkShare(frame: QualityFrame): number {
  let ink = 0;
  for (let i = 0; i < frame.luma.length; i += 1) if (frame.luma[i]! < INK_LUMA) ink += 1;
  return ink / Math.max(1, frame.luma.length);
}

/**
 * Without a document to measure on, sharpness is judged where the picture has detail: the score of
 * the sharpest tenth of its textured tiles. A page is mostly blank paper and a face mostly smooth
 * skin, which would drag a whole-picture score under the limit; their print and hair keep these
 * tiles far above it (a sharp selfie ~10, a page or card 75–115), while a focus miss leaves every
 * tile under 0.5.
 */
function isBlurred({ scores }: TileScores): boolean {
  // Too little detail anywhere to judge (a blank wall): blur is not what to say.
  if (scores.length < 4) return false;
  return scores[Math.floor(scores.length / 10)]! < SHARPNESS_THRESHOLD;
}

interface TileScores {
  /** Sharpness of each textured tile, highest first. */
  scores: number[];
  /** Tiles in all, and how many of them are textured and sharp. */
  tiles: number;
  textured: number;
}

function tileScores(frame: QualityFrame): TileScores {
  const scores: number[] = [];
  let tiles = 0;
  for (let y = 0; y + TILE <= frame.height; y += TILE) {
    for (let x = 0; x + TILE <= frame.width; x += TILE) {
      tiles += 1;
      const tile = tileRegion(frame, x, y);
      if (tile) scores.push(measureSharpness(tile).score);
    }
  }
  scores.sort((a, b) => b - a);
  return { scores, tiles, textured: scores.filter((score) => score >= SHARPNESS_THRESHOLD).length };
}

function tileRegion(frame: QualityFrame, x0: number, y0: number): Region | null {
  const luma = new Float32Array(TILE * TILE);
  let sum = 0;
  let squares = 0;
  for (let y = 0; y < TILE; y += 1) {
    for (let x = 0; x < TILE; x += 1) {
      const value = frame.luma[(y0 + y) * frame.width + x0 + x]!;
      luma[y * TILE + x] = value;
      sum += value;
      squares += value * value;
    }
  }
  const n = TILE * TILE;
  if (Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2)) < TEXTURED_TILE_SD) return null;
  return { width: TILE, height: TILE, luma, chroma: new Uint8Array(n) };
}

/** The frame without `inset` of each side. */
function crop(frame: QualityFrame, inset: number): QualityFrame {
  const x0 = Math.round(frame.width * inset);
  const y0 = Math.round(frame.height * inset);
  const width = frame.width - 2 * x0;
  const height = frame.height - 2 * y0;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const from = ((y0 + y) * frame.width + x0) * 4;
    rgba.set(frame.rgba.subarray(from, from + width * 4), y * width * 4);
  }
  return frameFromRgba(rgba, width, height);
}
