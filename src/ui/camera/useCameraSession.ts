import { useEffect, useState, useSyncExternalStore } from 'react';
import { CameraSession, type CameraState } from '../../capture/cameraSession';
import type { Facing } from '../../capture/openCamera';

/**
 * A camera for as long as the calling component is mounted: opened on mount, every track stopped
 * on unmount (React's strict-mode remount included: the abandoned request's stream is stopped
 * when it arrives).
 */
export function useCameraSession(facing: Facing): { state: CameraState; session: CameraSession } {
  const [session] = useState(() => new CameraSession({ facing }));
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  useEffect(() => {
    void session.start();
    return () => session.close();
  }, [session]);
  return { state, session };
}
