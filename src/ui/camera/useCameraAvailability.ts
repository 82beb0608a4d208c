import { useCallback, useEffect, useState } from 'react';
import { browserCameraEnvironment, cameraSupport, watchCameraPermission, type CameraPermission } from '../../capture/cameraAccess.ts';
import { cameraPresence } from '../../capture/cameraDevices.ts';
import type { CameraErrorCode } from '../../capture/cameraError.ts';

export type UnavailableCode = Extract<CameraErrorCode, 'INSECURE_CONTEXT' | 'UNSUPPORTED' | 'BLOCKED' | 'NO_CAMERA'>;

export type CameraAvailability =
  | { kind: 'checking' }
  | { kind: 'available'; permission: CameraPermission }
  | { kind: 'unavailable'; code: UnavailableCode };

/**
 * Whether offering the camera makes sense, found without a permission prompt, and kept current
 * when a webcam is plugged in or the permission changes. Does nothing for a step without camera.
 */
export function useCameraAvailability(enabled: boolean): { availability: CameraAvailability; recheck: () => void } {
  const [availability, setAvailability] = useState<CameraAvailability>({ kind: 'checking' });
  const [round, setRound] = useState(0);
  const recheck = useCallback(() => setRound((value) => value + 1), []);

  useEffect(() => {
    if (!enabled) return undefined;
    const env = browserCameraEnvironment();
    const support = cameraSupport(env);
    if (support.kind === 'unavailable') {
      setAvailability({ kind: 'unavailable', code: support.code });
      return undefined;
    }
    let cancelled = false;
    let stopPermission = () => {};
    const check = async () => {
      const presence = await cameraPresence(support.mediaDevices);
      const permission = await watchCameraPermission(env, (state) => {
        if (!cancelled) setAvailability((current) => (current.kind === 'available' ? { kind: 'available', permission: state } : current));
      });
      stopPermission();
      stopPermission = permission.stop;
      if (cancelled) return stopPermission();
      setAvailability(presence === 'absent' ? { kind: 'unavailable', code: 'NO_CAMERA' } : { kind: 'available', permission: permission.state });
    };
    void check();
    const changed = () => void check();
    support.mediaDevices.addEventListener?.('devicechange', changed);
    return () => {
      cancelled = true;
      stopPermission();
      support.mediaDevices.removeEventListener?.('devicechange', changed);
    };
  }, [enabled, round]);

  return { availability, recheck };
}
