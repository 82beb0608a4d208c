/**
 * Whether this page may use a camera at all, asked before any prompt so the person is never sent
 * to a permission dialog that cannot succeed.
 */
import type { CameraErrorCode } from './cameraError.ts';

/** The browser surfaces the camera code depends on; tests and hosts without a DOM pass their own. */
export interface CameraEnvironment {
  isSecureContext: boolean;
  mediaDevices: MediaDevices | undefined;
  /** Chromium's Permissions-Policy view of the document; absent elsewhere. */
  allowsCamera: (() => boolean) | undefined;
  permissions: Permissions | undefined;
}

interface FeaturePolicy {
  allowsFeature(feature: string): boolean;
}

export function browserCameraEnvironment(): CameraEnvironment {
  const hasWindow = typeof window !== 'undefined';
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const policy = typeof document === 'undefined' ? undefined : (document as Document & { featurePolicy?: FeaturePolicy }).featurePolicy;
  return {
    isSecureContext: hasWindow && window.isSecureContext === true,
    // Undefined on insecure pages, although the type says otherwise.
    mediaDevices: (nav?.mediaDevices as MediaDevices | undefined) ?? undefined,
    allowsCamera: policy ? () => policy.allowsFeature('camera') : undefined,
    permissions: (nav?.permissions as Permissions | undefined) ?? undefined,
  };
}

export type CameraSupport = { kind: 'supported'; mediaDevices: MediaDevices } | { kind: 'unavailable'; code: Extract<CameraErrorCode, 'INSECURE_CONTEXT' | 'UNSUPPORTED' | 'BLOCKED'> };

export function cameraSupport(env: CameraEnvironment = browserCameraEnvironment()): CameraSupport {
  const { mediaDevices } = env;
  if (typeof mediaDevices?.getUserMedia !== 'function') {
    // Browsers remove the API from plain-http pages; saying "HTTPS is needed" is the useful message.
    return { kind: 'unavailable', code: env.isSecureContext ? 'UNSUPPORTED' : 'INSECURE_CONTEXT' };
  }
  if (env.allowsCamera && !env.allowsCamera()) return { kind: 'unavailable', code: 'BLOCKED' };
  return { kind: 'supported', mediaDevices };
}

export type CameraPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/**
 * The camera permission as the browser reports it, with a way to hear about changes (the person
 * re-enabling it in site settings). Firefox does not know the `camera` name: `unknown`.
 */
export async function watchCameraPermission(
  env: CameraEnvironment,
  onChange?: (state: CameraPermission) => void,
): Promise<{ state: CameraPermission; stop: () => void }> {
  let status: PermissionStatus;
  try {
    if (!env.permissions) return { state: 'unknown', stop: () => {} };
    status = await env.permissions.query({ name: 'camera' as PermissionName });
  } catch {
    return { state: 'unknown', stop: () => {} };
  }
  const listener = () => onChange?.(status.state);
  if (onChange) status.addEventListener('change', listener);
  return { state: status.state, stop: () => status.removeEventListener('change', listener) };
}
