/**
 * Drawn document scenes for calibration: an identity card or passport page with a photo, printed
 * lines and a security pattern, on a table, photographed well or with one thing wrong. Each
 * scene knows which faults it should raise, so tests and `bench:quality` can count hits and misses.
 */
import { frameRect } from '../../src/core/captureGuide.ts';
import { DOCUMENT_ASPECT, type DocumentKind } from '../../src/quality/analyseFrame.ts';
import type { QualityFault } from '../../src/quality/faults.ts';
import { frameFromRgba, type QualityFrame } from '../../src/quality/frame.ts';
import {
  addNoise,
  drawWarped,
  expose,
  fillEllipse,
  fillRect,
  gaussianBlur,
  glareSpot,
  motionBlur,
  picture,
  randomSource,
  toRgba,
  type Picture,
  type Rgb,
} from './drawing.ts';

export type SceneKind = 'sharp' | 'defocus' | 'motion' | 'glare' | 'dark' | 'overexposed' | 'cutOff' | 'tilted' | 'tooFar' | 'noDocument';

export const SCENE_KINDS: readonly SceneKind[] = ['sharp', 'defocus', 'motion', 'glare', 'dark', 'overexposed', 'cutOff', 'tilted', 'tooFar', 'noDocument'];

/** The faults each kind of scene must raise; any other fault on it is a false alarm. */
export const EXPECTED_FAULTS: Readonly<Record<SceneKind, readonly QualityFault[]>> = {
  sharp: [],
  defocus: ['blur'],
  motion: ['blur'],
  glare: ['glare'],
  dark: ['dark'],
  overexposed: ['bright'],
  cutOff: ['cutOff'],
  tilted: ['tilted'],
  tooFar: ['tooFar'],
  noDocument: ['noDocument'],
};

export interface Scene {
  kind: SceneKind;
  document: DocumentKind;
  seed: number;
  frame: QualityFrame;
  /** Where the document's corners were drawn (top left, top right, bottom right, bottom left); null without one. */
  corners: { x: number; y: number }[] | null;
}

export interface SceneOptions {
  width?: number;
  height?: number;
  document?: Exclude<DocumentKind, 'other'>;
  /** Shift of the document's centre, in fractions of the frame (for steadiness sequences). */
  shift?: { x: number; y: number };
  /** Another draw of sensor noise over the same picture (the next frame of a still scene). */
  noiseSeed?: number;
}

const PASTELS: readonly Rgb[] = [
  [214, 228, 238],
  [232, 220, 236],
  [222, 236, 214],
  [240, 228, 204],
  [206, 222, 230],
];
const TABLES: readonly Rgb[] = [
  [92, 64, 44],
  [60, 62, 70],
  [118, 110, 98],
  [40, 44, 40],
];

/** The document itself, face on, `width` px wide. */
export function drawDocument(kind: Exclude<DocumentKind, 'other'>, width: number, random: () => number): Picture {
  const aspect = DOCUMENT_ASPECT[kind]!;
  const height = Math.round(width / aspect);
  const card = picture(width, height);
  const base = PASTELS[Math.floor(random() * PASTELS.length)]!;
  const phase = random() * 6;
  // A fine security pattern (guilloche-like waves), faint as on real cards.
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const wave = Math.sin(x * 0.09 + Math.sin(y * 0.05 + phase) * 3) * 6;
      const k = (y * width + x) * 3;
      card.rgb[k] = base[0] + wave;
      card.rgb[k + 1] = base[1] + wave;
      card.rgb[k + 2] = base[2] + wave;
    }
  }
  const u = width / 100;
  fillRect(card, 3 * u, 3 * u, width - 6 * u, 8 * u, [40 + random() * 60, 70 + random() * 50, 120 + random() * 60]);
  // The portrait.
  const photoX = 5 * u;
  const photoY = 16 * u;
  fillRect(card, photoX, photoY, 27 * u, 35 * u, [150, 160, 170]);
  fillEllipse(card, photoX + 13.5 * u, photoY + 14 * u, 7 * u, 9 * u, [196, 160, 132]);
  fillEllipse(card, photoX + 13.5 * u, photoY + 35 * u, 12 * u, 10 * u, [60, 70, 90]);
  // Lines of print, each a run of letter-sized strokes with word gaps.
  const lines = kind === 'passport' ? 6 : 5;
  for (let line = 0; line < lines; line += 1) {
    const y = 15 * u + line * 6 * u;
    let x = 37 * u;
    const end = width - (5 + random() * 20) * u;
    while (x < end) {
      const word = (2 + random() * 6) * 1.1 * u;
      for (let s = x; s < Math.min(end, x + word); s += 0.9 * u) fillRect(card, s, y, 0.5 * u, 2.6 * u, [30, 30, 40]);
      x += word + 1.4 * u;
    }
  }
  // A machine-readable zone at the bottom.
  for (let row = 0; row < 2; row += 1) {
    for (let i = 0; i < 30; i += 1) {
      if (random() < 0.15) continue;
      fillRect(card, 5 * u + i * 3 * u, height - (12 - row * 5) * u, 1.8 * u, 3.2 * u, [25, 25, 30]);
    }
  }
  return card;
}

/** A table or desk, with a faint grain so the background is not a flat colour. */
function drawTable(width: number, height: number, random: () => number): Picture {
  const table = picture(width, height);
  const colour = TABLES[Math.floor(random() * TABLES.length)]!;
  const phase = random() * 10;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const grain = Math.sin(y * 0.15 + Math.sin(x * 0.01 + phase) * 4) * 5 + (x / width - 0.5) * 12;
      const k = (y * width + x) * 3;
      table.rgb[k] = colour[0] + grain;
      table.rgb[k + 1] = colour[1] + grain;
      table.rgb[k + 2] = colour[2] + grain;
    }
  }
  return table;
}

/** Clutter for the empty views: keys, a cup, a pen, coins. */
function drawClutter(p: Picture, random: () => number): void {
  const count = 3 + Math.floor(random() * 5);
  for (let i = 0; i < count; i += 1) {
    const colour: Rgb = [random() * 200 + 30, random() * 200 + 30, random() * 200 + 30];
    if (random() < 0.5) fillEllipse(p, random() * p.width, random() * p.height, 10 + random() * 40, 10 + random() * 40, colour);
    else fillRect(p, random() * p.width, random() * p.height, 6 + random() * 30, 6 + random() * 90, colour);
  }
}

interface Placement {
  /** Document width over the outline's width. */
  scale: number;
  rotation: number;
  /** 1 is face on; below 1 the right side is farther away (a turned card). */
  yaw: number;
  dx: number;
  dy: number;
}

function placement(kind: SceneKind, random: () => number): Placement {
  const jitter = (range: number) => (random() * 2 - 1) * range;
  const base: Placement = { scale: 0.93 + jitter(0.04), rotation: jitter(0.04), yaw: 1 - random() * 0.05, dx: jitter(0.015), dy: jitter(0.015) };
  switch (kind) {
    case 'tooFar':
      return { ...base, scale: 0.5 + random() * 0.12 };
    case 'tilted':
      // Turned in the plane (smaller, so it still fits the outline) or away from the camera.
      return random() < 0.5 ? { ...base, scale: 0.8, rotation: (random() < 0.5 ? -1 : 1) * (0.27 + random() * 0.08) } : { ...base, yaw: 0.62 + random() * 0.12 };
    case 'cutOff': {
      const side = Math.floor(random() * 4);
      const far = 0.2 + random() * 0.12;
      return { ...base, dx: side === 0 ? far : side === 1 ? -far : 0, dy: side === 2 ? far * 0.8 : side === 3 ? -far * 0.8 : 0 };
    }
    default:
      return base;
  }
}

function corners(p: Placement, outline: { x: number; y: number; width: number; height: number }, w: number, h: number, aspect: number) {
  const docW = outline.width * w * p.scale;
  const docH = docW / aspect;
  const cx = (outline.x + outline.width / 2 + p.dx) * w;
  const cy = (outline.y + outline.height / 2 + p.dy) * h;
  const near = docH / 2;
  const far = (docH / 2) * p.yaw;
  const local = [
    { x: -docW / 2, y: -near },
    { x: (docW / 2) * (0.5 + p.yaw / 2), y: -far },
    { x: (docW / 2) * (0.5 + p.yaw / 2), y: far },
    { x: -docW / 2, y: near },
  ];
  const cos = Math.cos(p.rotation);
  const sin = Math.sin(p.rotation);
  return local.map((q) => ({ x: cx + q.x * cos - q.y * sin, y: cy + q.x * sin + q.y * cos }));
}

/** One labelled scene; the same kind and seed always draw the same pixels. */
export function drawScene(kind: SceneKind, seed: number, options: SceneOptions = {}): Scene {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const random = randomSource(seed * 7919 + SCENE_KINDS.indexOf(kind) * 104729);
  const document = options.document ?? (random() < 0.3 ? 'passport' : 'idDocument');
  const scene = drawTable(width, height, random);
  let drawn: { x: number; y: number }[] | null = null;
  if (kind === 'noDocument') drawClutter(scene, random);
  else {
    const outline = frameRect(width / height, document === 'passport' ? 'PASSPORT_PAGE' : 'CARD');
    const place = placement(kind, random);
    if (options.shift) (place.dx += options.shift.x), (place.dy += options.shift.y);
    const texture = drawDocument(document, 720, random);
    drawn = corners(place, outline, width, height, DOCUMENT_ASPECT[document]!);
    drawWarped(scene, texture, drawn);
    if (kind === 'glare') {
      const docW = outline.width * width;
      glareSpot(scene, (outline.x + outline.width * (0.3 + random() * 0.4)) * width, (outline.y + outline.height * (0.3 + random() * 0.4)) * height, docW * (0.035 + random() * 0.03));
    }
  }
  // Every camera blurs a little; these two blur a lot.
  gaussianBlur(scene, kind === 'defocus' ? 2.6 + random() * 1.6 : 0.6);
  if (kind === 'motion') motionBlur(scene, 9 + random() * 10, random() * Math.PI);
  if (kind === 'dark') expose(scene, 0.22 + random() * 0.12);
  if (kind === 'overexposed') expose(scene, 1.8 + random() * 0.5, 70);
  addNoise(scene, 2, options.noiseSeed === undefined ? random : randomSource(options.noiseSeed));
  return { kind, document, seed, frame: frameFromRgba(toRgba(scene), width, height), corners: drawn };
}

/** `perKind` scenes of every kind, seeds 1.. */
export function labelledSet(perKind: number, options: SceneOptions = {}): Scene[] {
  return SCENE_KINDS.flatMap((kind) => Array.from({ length: perKind }, (_, i) => drawScene(kind, i + 1, options)));
}
