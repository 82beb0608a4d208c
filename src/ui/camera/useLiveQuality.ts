import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { LiveQualityController, type LiveQualitySnapshot } from '../../capture/liveQuality.ts';
import type { DocumentKind } from '../../quality/index.ts';

const noSubscription = () => () => {};
const noSnapshot = () => null;

/**
 * The live checks for one camera screen, over the framework-free controller: analysing while
 * `active` (camera live, preview playing, no still on screen), with a worker for the screen's
 * lifetime. `kind` null (a page, a merchant's step): no live checks at all.
 */
export function useLiveQuality(
  kind: DocumentKind | 'face' | null,
  autoCapture: boolean,
  video: RefObject<HTMLVideoElement | null>,
  active: boolean,
): { snapshot: LiveQualitySnapshot | null; controller: LiveQualityController | null } {
  const [controller] = useState(() => (kind ? new LiveQualityController({ target: { kind }, autoCapture }) : null));
  const snapshot = useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.getSnapshot ?? noSnapshot, noSnapshot);
  useEffect(() => {
    const element = video.current;
    if (!controller || !active || !element) return;
    controller.start(element);
    return () => controller.stop();
  }, [controller, active, video]);
  useEffect(() => {
    controller?.prepare();
    return () => controller?.close();
  }, [controller]);
  return { snapshot, controller };
}
