import { frameRect, type CaptureFrame } from '../../core/captureGuide.ts';

/**
 * The outline of the card, page or face over the live preview, with the rest dimmed (a huge
 * spread shadow, clipped by the preview) so the eye goes where the object belongs. Purely visual:
 * the same guidance is given as text.
 */
export function CaptureOverlay({ frame, aspect }: { frame: CaptureFrame; aspect: number }) {
  if (frame === 'NONE') return null;
  const rect = frameRect(aspect, frame);
  return (
    <div
      className={`mk-camera__frame mk-camera__frame--${frame === 'FACE' ? 'oval' : 'box'}`}
      aria-hidden="true"
      style={{ left: pct(rect.x), top: pct(rect.y), width: pct(rect.width), height: pct(rect.height) }}
    />
  );
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;
