import type { ImageRole } from './steps.ts';
import type { DocumentType } from './token.ts';

/**
 * The outline drawn over the camera preview. Aspect ratios are the real objects': ID-1 cards
 * (ISO/IEC 7810: 85.6 × 54 mm), a passport's photo page (ICAO 9303 TD3: 125 × 88 mm), an A4 page.
 */
export type CaptureFrame = 'CARD' | 'PASSPORT_PAGE' | 'A4_PAGE' | 'FACE' | 'NONE';

export const FRAME_ASPECT: Readonly<Record<Exclude<CaptureFrame, 'NONE'>, number>> = {
  CARD: 85.6 / 54,
  PASSPORT_PAGE: 125 / 88,
  A4_PAGE: 210 / 297,
  // Portrait oval, about the proportions of a head with a little room around it.
  FACE: 3 / 4,
};

export interface CaptureGuide {
  frame: CaptureFrame;
  /** The camera to ask for first: the back one for papers, the front one for a selfie. */
  facing: 'user' | 'environment';
  /** Selfie previews are mirrored, as people expect; documents never are, so text reads normally. */
  mirrorPreview: boolean;
}

/** What the camera screen shows for an image step. */
export function captureGuide(role: ImageRole, documentType: DocumentType | null): CaptureGuide {
  switch (role) {
    case 'FACE':
      return { frame: 'FACE', facing: 'user', mirrorPreview: true };
    case 'DOCUMENT_FRONT':
    case 'DOCUMENT_BACK':
      return { frame: documentFrame(documentType), facing: 'environment', mirrorPreview: false };
    case 'UTILITY_BILL':
      return { frame: 'A4_PAGE', facing: 'environment', mirrorPreview: false };
    case 'ADDITIONAL':
      // A merchant's step can be anything (a letter, a selfie with a card): no outline to mislead.
      return { frame: 'NONE', facing: 'environment', mirrorPreview: false };
  }
}

/** Identity cards, residence permits and driving licences are ID-1 cards; "other" may be anything. */
function documentFrame(documentType: DocumentType | null): CaptureFrame {
  if (documentType === 'PASSPORT') return 'PASSPORT_PAGE';
  if (documentType === 'OTHER' || documentType === null) return 'NONE';
  return 'CARD';
}

/** A rectangle in fractions of the preview's width and height (0..1). */
export interface FrameRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room left around the outline, so the edges of the object are in the photo with a margin. */
const FILL = 0.86;

/**
 * Where the outline goes on a preview of aspect `viewAspect` (width / height): centred, as large as
 * {@link FILL} of the preview allows, with the object's true proportions on screen.
 */
export function frameRect(viewAspect: number, frame: Exclude<CaptureFrame, 'NONE'>): FrameRect {
  const aspect = FRAME_ASPECT[frame];
  // In screen units with the preview 1 high: the outline may be at most FILL × viewAspect wide and FILL high.
  let height = FILL;
  let width = height * aspect;
  if (width > FILL * viewAspect) {
    width = FILL * viewAspect;
    height = width / aspect;
  }
  const w = width / viewAspect;
  return { x: (1 - w) / 2, y: (1 - height) / 2, width: w, height };
}
