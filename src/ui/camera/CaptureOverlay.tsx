import { frameRect, type CaptureFrame } from '../../core/captureGuide.ts';

/**
 * The outline of the card, page or face over the live preview, with the rest dimmed (a huge
 * spread shadow, clipped by the preview) so the eye goes where the object belongs. Purely visual:
 * the same guidance is given as text. When the document fits, the outline turns from a dashed
 * line to a thick solid one with a tick: not by colour alone.
 */
export function CaptureOverlay({ frame, aspect, fits = false }: { frame: CaptureFrame; aspect: number; fits?: boolean }) {
  if (frame === 'NONE') return null;
  const rect = frameRect(aspect, frame);
  return (
    <div
      className={`mk-camera__frame mk-camera__frame--${frame === 'FACE' ? 'oval' : 'box'}${fits ? ' mk-camera__frame--fits' : ''}`}
      aria-hidden="true"
      data-fits={fits || undefined}
      style={{ left: pct(rect.x), top: pct(rect.y), width: pct(rect.width), height: pct(rect.height) }}
    />
  );
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;
