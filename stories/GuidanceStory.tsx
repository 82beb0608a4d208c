import type { LiveStatus } from '../src/capture/liveGuidance.ts';
import type { Still } from '../src/capture/stillCapture.ts';
import { useTranslation } from '../src/i18n/react.tsx';
import { CaptureOverlay } from '../src/ui/camera/CaptureOverlay.tsx';
import { guidanceText } from '../src/ui/camera/guidanceText.ts';
import { useObjectUrl } from '../src/ui/ImagePreview.tsx';

/** The viewfinder as the camera screen lays it out, with a still in place of the video. */
export function GuidanceStory({ still, status, autoCapture, frame }: { still: Still; status: LiveStatus | null; autoCapture: boolean; frame: 'CARD' | 'PASSPORT_PAGE' | 'FACE' }) {
  const { t } = useTranslation();
  const url = useObjectUrl(still.blob);
  const aspect = still.width / Math.max(1, still.height);
  const guidance = guidanceText(t, status, autoCapture, frame, true);
  return (
    <div className="mk-camera">
      <div className="mk-camera__viewport" style={{ aspectRatio: String(aspect), ['--mk-camera-aspect' as string]: String(aspect) }}>
        {url && <img className="mk-camera__video" src={url} alt="" />}
        <CaptureOverlay frame={frame} aspect={aspect} fits={guidance.fits} />
      </div>
      <p className="mk-camera__guide">{guidance.line}</p>
      {guidance.help && <p className="mk-camera__help">{guidance.help}</p>}
    </div>
  );
}
