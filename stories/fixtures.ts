/**
 * Mock sessions, steps and images for the stories: everything is made here, in the browser, so
 * Storybook needs no backend, no vendor account, no camera and no image files in the repository.
 */
import type { CapturedImage } from '../src/core/flow.ts';
import type { ImageStep } from '../src/core/steps.ts';
import type { StepSettings, StepTexts } from '../src/core/token.ts';

export { makeSession } from '../test/sessionFixture.ts';

const UPLOAD_OR_CAMERA: StepSettings = { canUpload: true, canCapture: true, canUploadPDF: false };
const UPLOAD_ONLY: StepSettings = { canUpload: true, canCapture: false, canUploadPDF: false };

export const STEPS = {
  FRONT: { kind: 'IMAGE', name: 'FRONT', role: 'DOCUMENT_FRONT', settings: UPLOAD_OR_CAMERA, texts: null },
  BACK: { kind: 'IMAGE', name: 'BACK', role: 'DOCUMENT_BACK', settings: UPLOAD_OR_CAMERA, texts: null },
  FACE: { kind: 'IMAGE', name: 'FACE', role: 'FACE', settings: UPLOAD_OR_CAMERA, texts: null },
  UTILITY_BILL: { kind: 'IMAGE', name: 'UTILITY_BILL', role: 'UTILITY_BILL', settings: { canUpload: true, canCapture: false, canUploadPDF: true }, texts: null },
  /** A merchant's own step, with its texts in a few languages (Japanese under the vendor's `jp`). */
  PAYSLIP: {
    kind: 'IMAGE',
    name: 'PAYSLIP',
    role: 'ADDITIONAL',
    settings: { canUpload: true, canCapture: true, canUploadPDF: true },
    texts: {
      en: { name: 'Latest payslip', description: 'Your most recent payslip, with your name and employer visible.' },
      lt: { name: 'Paskutinis algalapis', description: 'Naujausias algalapis, kuriame matyti jūsų vardas ir darbdavys.' },
      jp: { name: '最新の給与明細', description: '氏名と勤務先が記載された最新の給与明細。' },
    } satisfies StepTexts,
  },
  /** A step that allows only the camera. */
  LIVE_DOCUMENT: { kind: 'IMAGE', name: 'LIVE_DOCUMENT', role: 'ADDITIONAL', settings: { canUpload: false, canCapture: true, canUploadPDF: false }, texts: null },
} satisfies Record<string, ImageStep>;

export const UPLOAD_ONLY_FRONT: ImageStep = { ...STEPS.FRONT, settings: UPLOAD_ONLY };

/** Each image's share of a three-image request, as the flow would plan it. */
export const BUDGET_BYTES = 4_500_000;

type Paint = (g: OffscreenCanvasRenderingContext2D, width: number, height: number) => void;

async function paint(width: number, height: number, draw: Paint): Promise<CapturedImage> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  draw(g, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return { blob, mediaType: 'image/jpeg', bytes: blob.size, width, height };
}

/** An identity card lying on a desk, with a photo box and machine-readable lines. */
export function documentPhoto(side: 'front' | 'back' = 'front'): Promise<CapturedImage> {
  return paint(1600, 1200, (g, w, h) => {
    g.fillStyle = '#6b4f37';
    g.fillRect(0, 0, w, h);
    g.save();
    g.translate(w / 2, h / 2);
    g.rotate(-0.04);
    g.fillStyle = '#dfe7ee';
    g.fillRect(-560, -353, 1120, 706);
    g.fillStyle = '#9fb3c8';
    g.fillRect(-560, -353, 1120, 90);
    if (side === 'front') {
      g.fillStyle = '#b8916f';
      g.fillRect(-500, -220, 300, 380);
    }
    g.fillStyle = '#22303c';
    g.font = '36px monospace';
    for (let line = 0; line < 6; line += 1) g.fillText(side === 'front' ? `SURNAME<<GIVEN<NAMES ${line}` : `IDLTU1234567<${line}<<<<<<<<<<<<`, side === 'front' ? -160 : -500, -170 + line * 62);
    g.restore();
  });
}

/** A face-like portrait: an oval head on a light wall. */
export function selfie(): Promise<CapturedImage> {
  return paint(960, 1280, (g, w, h) => {
    g.fillStyle = '#e8e3da';
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#3a3a52';
    g.fillRect(w * 0.2, h * 0.7, w * 0.6, h * 0.3);
    g.fillStyle = '#c99b78';
    g.beginPath();
    g.ellipse(w / 2, h * 0.42, w * 0.22, h * 0.22, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#2b211b';
    g.beginPath();
    g.ellipse(w / 2, h * 0.3, w * 0.23, h * 0.1, 0, Math.PI, Math.PI * 2);
    g.fill();
  });
}

/** A one-page PDF as the widget keeps it: the bytes, a name, no preview. */
export function billPdf(): CapturedImage {
  const text = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const blob = new Blob([text], { type: 'application/pdf' });
  return { blob, mediaType: 'application/pdf', bytes: 284_000, fileName: 'electricity-bill-march.pdf' };
}
