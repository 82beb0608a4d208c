/**
 * What can be wrong with a document photo, each with the figure that failed and its limit, so the
 * widget can name it and a merchant can log it. Listed most important first: the first one is
 * the one worth telling the person (there is no point asking to hold still in the dark).
 */
export type QualityFailure =
  | { code: 'dark'; mean: number; limit: number }
  | { code: 'bright'; mean: number; limit: number }
  | { code: 'noDocument' }
  | { code: 'cutOff' }
  | { code: 'tooFar'; fill: number; limit: number }
  | { code: 'tilted'; rotationDegrees: number; squareness: number; aspectError: number }
  | { code: 'glare'; share: number; largestSpot: number }
  | { code: 'blur'; score: number; limit: number }
  | { code: 'unsteady'; frameDifference: number; cornerMotion: number | null };

export type QualityFault = QualityFailure['code'];

/** Every fault, in the order they are reported. */
export const QUALITY_FAULTS: readonly QualityFault[] = ['dark', 'bright', 'noDocument', 'cutOff', 'tooFar', 'tilted', 'glare', 'blur', 'unsteady'];

export const byImportance = (a: QualityFailure, b: QualityFailure): number => QUALITY_FAULTS.indexOf(a.code) - QUALITY_FAULTS.indexOf(b.code);
