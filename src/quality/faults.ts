/**
 * What can be wrong with a document photo or a selfie, each with the figure that failed and its limit, so the
 * widget can name it and a merchant can log it. Listed most important first: the first one is
 * the one worth telling the person (there is no point asking to hold still in the dark).
 */
/** Faults that documents and selfies share. */
type LightOrMotionFailure =
  | { code: 'dark'; mean: number; limit: number }
  | { code: 'bright'; mean: number; limit: number }
  | { code: 'unsteady'; frameDifference: number; cornerMotion: number | null };

export type DocumentFailure =
  | LightOrMotionFailure
  | { code: 'noDocument' }
  | { code: 'cutOff' }
  | { code: 'tooFar'; fill: number; limit: number }
  | { code: 'tilted'; rotationDegrees: number; squareness: number; aspectError: number }
  | { code: 'glare'; share: number; largestSpot: number }
  | { code: 'blur'; score: number; limit: number };

export type FaceFailure =
  | LightOrMotionFailure
  | { code: 'noFace' }
  | { code: 'manyFaces'; count: number }
  | { code: 'faceOutside'; offset: number }
  | { code: 'faceTooFar'; height: number; limit: number }
  | { code: 'faceTooClose'; height: number; limit: number }
  | { code: 'faceTilted'; degrees: number };

export type QualityFailure = DocumentFailure | FaceFailure;

export type QualityFault = QualityFailure['code'];

/** Every fault, in the order they are reported. */
export const QUALITY_FAULTS: readonly QualityFault[] = [
  'dark',
  'bright',
  'noDocument',
  'cutOff',
  'tooFar',
  'tilted',
  'glare',
  'blur',
  'noFace',
  'manyFaces',
  'faceOutside',
  'faceTooFar',
  'faceTooClose',
  'faceTilted',
  'unsteady',
];

/** The faults of a document photo. */
export const DOCUMENT_FAULTS: readonly DocumentFailure['code'][] = ['dark', 'bright', 'noDocument', 'cutOff', 'tooFar', 'tilted', 'glare', 'blur', 'unsteady'];

/** The faults of a selfie (with `dark`, `bright` and `unsteady`, which documents share). */
export const FACE_FAULTS: readonly FaceFailure['code'][] = ['dark', 'bright', 'noFace', 'manyFaces', 'faceOutside', 'faceTooFar', 'faceTooClose', 'faceTilted', 'unsteady'];

export const byImportance = (a: QualityFailure, b: QualityFailure): number => QUALITY_FAULTS.indexOf(a.code) - QUALITY_FAULTS.indexOf(b.code);
