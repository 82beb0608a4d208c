/**
 * Every way the camera can fail, as a code the UI turns into its own message and way forward.
 * Browsers report these as DOMExceptions whose names changed over the years; they are mapped here
 * once, so nothing else ever looks at an exception's name.
 */
export type CameraErrorCode =
  /** The page is not served over HTTPS (or localhost), so browsers hide the camera API. */
  | 'INSECURE_CONTEXT'
  /** A secure page in a browser without `getUserMedia` (old browsers, some in-app web views). */
  | 'UNSUPPORTED'
  /** The embedding page did not delegate the camera (`<iframe allow="camera">`, Permissions-Policy). */
  | 'BLOCKED'
  /** The person, or a browser or system setting, refused the camera. */
  | 'PERMISSION_DENIED'
  | 'NO_CAMERA'
  /** Another app or tab holds the camera, or the driver failed to start it. */
  | 'CAMERA_BUSY'
  /** Not even the loosest request could be met. */
  | 'CONSTRAINTS'
  /** The stream stopped on its own: the camera was unplugged, or access was revoked. */
  | 'ENDED'
  /** The still could not be taken from a live camera. */
  | 'CAPTURE_FAILED'
  | 'UNKNOWN';

export class CameraError extends Error {
  override name = 'CameraError';
  constructor(
    readonly code: CameraErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isCameraError(error: unknown): error is CameraError {
  return error instanceof CameraError;
}

/** Current names first, then the legacy ones older Chrome, Firefox and Safari still throw. */
const BY_NAME: Readonly<Record<string, CameraErrorCode>> = {
  NotAllowedError: 'PERMISSION_DENIED',
  PermissionDeniedError: 'PERMISSION_DENIED',
  // Chrome and Safari throw it when a Permissions-Policy or a sandboxed iframe forbids the camera.
  SecurityError: 'BLOCKED',
  NotFoundError: 'NO_CAMERA',
  DevicesNotFoundError: 'NO_CAMERA',
  NotReadableError: 'CAMERA_BUSY',
  TrackStartError: 'CAMERA_BUSY',
  // Firefox: "Starting videoinput failed" when another application holds the camera.
  AbortError: 'CAMERA_BUSY',
  OverconstrainedError: 'CONSTRAINTS',
  ConstraintNotSatisfiedError: 'CONSTRAINTS',
  // A browser that knows the API but not a constraint's shape, or has no video at all.
  TypeError: 'UNSUPPORTED',
  NotSupportedError: 'UNSUPPORTED',
};

/** Any rejection from `getUserMedia` or a track, as a {@link CameraError}; camera errors pass through. */
export function toCameraError(error: unknown): CameraError {
  if (isCameraError(error)) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const message = error instanceof Error ? error.message : String(error);
  return new CameraError(BY_NAME[name] ?? 'UNKNOWN', `${name || 'Error'}: ${message}`, { cause: error });
}
