/**
 * The labelled selfie set, made in the browser from real faces: the face crops of
 * `@vladmandic/human`'s own screenshot (assets/screenshot-facematch.jpg in its npm package, a grid
 * of 6 × 18 faces of many people), placed on a drawn wall as a front camera would see them, one
 * scene per fault. Nothing is committed: the photo comes with the package the detector comes with.
 * A drawn cartoon face is not a face to a neural detector, so the faces have to be photographs.
 */
import type { FaceFailure, QualityFault } from '../../src/quality/index.ts';

export const FACE_GRID_URL = '/node_modules/@vladmandic/human/assets/screenshot-facematch.jpg';

/** Where tile (row, column) of the grid is, in the screenshot's pixels (1920 × 954). */
export const FACE_GRID = { left: 0, top: 283, pitchX: 1920 / 18, pitchY: 111.6, size: 104, rows: 6, columns: 18 } as const;

/**
 * Tiles used, by row and column: the faces looking at the camera without sunglasses or a hat (a
 * KYC selfie asks for both to come off), so each is a fair "one face" case.
 */
export const FACE_TILES: readonly (readonly [number, number])[] = [
  [0, 0], [0, 1], [0, 3], [0, 5], [0, 6], [0, 11], [0, 13], [0, 16],
  [1, 4], [1, 5], [1, 6], [1, 7], [1, 10], [1, 12], [1, 17],
  [2, 1], [2, 2], [2, 3], [2, 5], [2, 6], [2, 8], [2, 16],
  [3, 2], [3, 3], [3, 7], [3, 11], [3, 17],
  [4, 1], [4, 4], [4, 8], [4, 10], [4, 16],
  [5, 2], [5, 3], [5, 6], [5, 9], [5, 10], [5, 17],
];

export type FaceSceneKind = 'centred' | 'far' | 'close' | 'offCentre' | 'two' | 'none' | 'tilted' | 'dark' | 'bright';

export const FACE_SCENE_KINDS: readonly FaceSceneKind[] = ['centred', 'far', 'close', 'offCentre', 'two', 'none', 'tilted', 'dark', 'bright'];

/** The faults each scene is labelled with (for a still: no steadiness). */
export const FACE_SCENE_LABEL: Readonly<Record<FaceSceneKind, FaceFailure['code'][]>> = {
  centred: [],
  far: ['faceTooFar'],
  close: ['faceTooClose'],
  offCentre: ['faceOutside'],
  two: ['manyFaces'],
  none: ['noFace'],
  tilted: ['faceTilted'],
  dark: ['dark'],
  bright: ['bright'],
};

export async function loadFaceGrid(): Promise<ImageBitmap> {
  const response = await fetch(FACE_GRID_URL);
  if (!response.ok) throw new Error(`${FACE_GRID_URL}: ${response.status} (is @vladmandic/human installed?)`);
  return createImageBitmap(await response.blob());
}

/** Tile height over frame height: the detector's face box is about 1.1 tiles high (the crops are tight). */
const TILE_HEIGHT: Partial<Record<FaceSceneKind, number>> = { far: 0.22, close: 0.75 };
const DEFAULT_TILE_HEIGHT = 0.45;

/**
 * One scene, `width` × `height` (a webcam's 4:3 by default): a wall with a soft light falloff, and
 * the face (or faces) placed and lit as the kind says. `index` picks the face from {@link FACE_TILES}.
 */
export function drawFaceScene(grid: ImageBitmap, kind: FaceSceneKind, index: number, width = 640, height = 480): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  const wall = g.createRadialGradient(width * 0.5, height * 0.3, 10, width * 0.5, height * 0.5, width * 0.8);
  const hue = (index * 47) % 360;
  wall.addColorStop(0, `hsl(${hue} 12% 78%)`);
  wall.addColorStop(1, `hsl(${hue} 10% 52%)`);
  g.fillStyle = wall;
  g.fillRect(0, 0, width, height);
  if (kind === 'none') {
    // A picture on the wall, so "no face" is not just an empty frame.
    g.fillStyle = `hsl(${(hue + 120) % 360} 30% 40%)`;
    g.fillRect(width * 0.3, height * 0.25, width * 0.4, height * 0.45);
  } else {
    const side = (TILE_HEIGHT[kind] ?? DEFAULT_TILE_HEIGHT) * height;
    if (kind === 'two') {
      placeFace(g, grid, index, width * 0.3, height * 0.5, side, 0);
      placeFace(g, grid, index + 7, width * 0.7, height * 0.5, side, 0);
    } else if (kind === 'offCentre') {
      placeFace(g, grid, index, width * (index % 2 ? 0.14 : 0.86), height * 0.5, side, 0);
    } else {
      placeFace(g, grid, index, width / 2, height / 2, side, kind === 'tilted' ? (index % 2 ? 1 : -1) * 0.42 : 0);
    }
  }
  if (kind === 'dark') relight(g, width, height, 0.16, 0);
  if (kind === 'bright') relight(g, width, height, 1.1, 150);
  return canvas;
}

/** A face tile, centred at (x, y), `side` px high, turned by `angle` radians, its edges feathered into the wall. */
function placeFace(g: OffscreenCanvasRenderingContext2D, grid: ImageBitmap, index: number, x: number, y: number, side: number, angle: number): void {
  const [row, column] = FACE_TILES[index % FACE_TILES.length]!;
  const tile = new OffscreenCanvas(256, 256);
  const t = tile.getContext('2d')!;
  t.drawImage(grid, FACE_GRID.left + column * FACE_GRID.pitchX, FACE_GRID.top + row * FACE_GRID.pitchY, FACE_GRID.size, FACE_GRID.size, 0, 0, 256, 256);
  const mask = t.createRadialGradient(128, 128, 90, 128, 128, 128);
  mask.addColorStop(0, 'rgba(0,0,0,1)');
  mask.addColorStop(1, 'rgba(0,0,0,0)');
  t.globalCompositeOperation = 'destination-in';
  t.fillStyle = mask;
  t.fillRect(0, 0, 256, 256);
  g.save();
  g.translate(x, y);
  g.rotate(angle);
  g.drawImage(tile, -side / 2, -side / 2, side, side);
  g.restore();
}

/** Every pixel times `gain` plus `offset`: a dim room, or a face in harsh light. */
function relight(g: OffscreenCanvasRenderingContext2D, width: number, height: number, gain: number, offset: number): void {
  const image = g.getImageData(0, 0, width, height);
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i]! * gain + offset;
    data[i + 1] = data[i + 1]! * gain + offset;
    data[i + 2] = data[i + 2]! * gain + offset;
  }
  g.putImageData(image, 0, 0);
}

export interface FaceCaseResult {
  label: string;
  kind: FaceSceneKind;
  expected: FaceFailure['code'][];
  raised: QualityFault[];
  /** The worker's time for the frame, ms. */
  ms: number;
}

/** Every scene kind for each face index in `faces`, through `analyser` (the real worker), as stills. */
export async function runFaceSet(
  analyser: { analyseStill: (blob: Blob, target: { kind: 'face' }) => Promise<{ report: { failures: readonly { code: QualityFault }[] }; ms: number }> },
  grid: ImageBitmap,
  faces: readonly number[],
): Promise<FaceCaseResult[]> {
  const results: FaceCaseResult[] = [];
  for (const kind of FACE_SCENE_KINDS) {
    for (const index of faces) {
      const png = await drawFaceScene(grid, kind, index).convertToBlob({ type: 'image/png' });
      const { report, ms } = await analyser.analyseStill(png, { kind: 'face' });
      results.push({ label: `${kind} #${index}`, kind, expected: FACE_SCENE_LABEL[kind], raised: report.failures.map((failure) => failure.code), ms });
    }
  }
  return results;
}
