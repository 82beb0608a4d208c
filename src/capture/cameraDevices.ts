/** The cameras a device has, for the switcher and for knowing up front that there are none. */

export interface CameraDevice {
  deviceId: string;
  /** Empty until the person has allowed the camera once. */
  label: string;
}

/** Video inputs, in the order the browser lists them (on phones: usually front, then back). */
export async function listCameras(mediaDevices: MediaDevices): Promise<CameraDevice[]> {
  if (typeof mediaDevices.enumerateDevices !== 'function') return [];
  const devices = await mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput').map(({ deviceId, label }) => ({ deviceId, label }));
}

export type CameraPresence = 'present' | 'absent' | 'unknown';

/**
 * Whether a camera is plugged in, without asking permission: before it is granted, browsers list
 * one nameless entry per kind of device that exists, so an empty list means no camera at all.
 */
export async function cameraPresence(mediaDevices: MediaDevices): Promise<CameraPresence> {
  if (typeof mediaDevices.enumerateDevices !== 'function') return 'unknown';
  try {
    return (await listCameras(mediaDevices)).length > 0 ? 'present' : 'absent';
  } catch {
    return 'unknown';
  }
}
