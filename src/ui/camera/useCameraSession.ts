import { useEffect, useState, useSyncExternalStore } from 'react';
import { CameraSession, type CameraState } from '../../capture/cameraSession.ts';
import type { Facing } from '../../capture/openCamera.ts';

/**
 * A camera for as long as the calling component is mounted: opened on mount, every track stopped
 * on unmount (a stream that arrives after that is stopped as it arrives).
 */
export function useCameraSession(facing: Facing): { state: CameraState; session: CameraSession } {
  const [session] = useState(() => new CameraSession({ facing }));
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  useEffect(() => {
    // Started after the commit, so a mount that is undone at once (React's strict mode does that
    // on purpose) never asks for the camera, and no light blinks on and off.
    let mounted = true;
    void Promise.resolve().then(async () => {
      if (mounted) await session.start();
    });
    return () => {
      mounted = false;
      session.close();
    };
  }, [session]);
  return { state, session };
}
