/**
 * Takes the still photo. `ImageCapture.takePhoto()` asks the camera itself for a photo (on phones:
 * the sensor's full resolution, with autofocus and exposure for a still); where it is missing or
 * fails, the current video frame is drawn at the track's real resolution, never the preview's size.
 */
import { CameraError } from './cameraError.ts';

export interface Still {
  /** JPEG or PNG, as the camera or the canvas produced it; the upload pipeline makes it a JPEG within budget. */
  blob: Blob;
  width: number;
  height: number;
  source: 'takePhoto' | 'videoFrame';
}

/** Not in TypeScript's DOM library yet (Chromium only). */
interface ImageCaptureLike {
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

/** Some Android drivers never settle takePhoto(); the video frame is the better answer then. */
const TAKE_PHOTO_TIMEOUT_MS = 5000;
/** A JPEG close to lossless: the upload pipeline re-encodes only when the budget requires it. */
const FRAME_QUALITY = 0.95;

export interface StillOptions {
  /** Tests turn takePhoto off to exercise the frame path on a browser that has both. */
  useImageCapture?: boolean;
}

export async function captureStill(video: HTMLVideoElement, track: MediaStreamTrack, options: StillOptions = {}): Promise<Still> {
  if (track.readyState !== 'live') throw new CameraError('ENDED', 'The camera stopped before the photo was taken.');
  const ImageCapture = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (ImageCapture && options.useImageCapture !== false) {
    const photo = await takePhoto(new ImageCapture(track));
    // A photo smaller than the stream (some drivers default to a preview size) loses to the frame.
    if (photo && photo.width * photo.height >= frameSize(video, track).pixels) return { ...photo, source: 'takePhoto' };
  }
  return grabFrame(video, track);
}

async function takePhoto(capture: ImageCaptureLike): Promise<Omit<Still, 'source'> | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), TAKE_PHOTO_TIMEOUT_MS);
    });
    const blob = await Promise.race([capture.takePhoto(), timeout]);
    if (!blob || blob.size === 0) return null;
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return { blob, ...size };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function frameSize(video: HTMLVideoElement, track: MediaStreamTrack): { width: number; height: number; pixels: number } {
  // The element knows the decoded frame; the track's settings are the fallback before the first frame.
  const settings = track.getSettings();
  const width = video.videoWidth || settings.width || 0;
  const height = video.videoHeight || settings.height || 0;
  return { width, height, pixels: width * height };
}

async function grabFrame(video: HTMLVideoElement, track: MediaStreamTrack): Promise<Still> {
  const { width, height } = frameSize(video, track);
  if (width === 0 || height === 0 || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    throw new CameraError('CAPTURE_FAILED', 'The camera has not delivered a picture yet.');
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new CameraError('CAPTURE_FAILED', 'No 2D canvas to draw the frame on.');
  context.drawImage(video, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', FRAME_QUALITY));
  // Free the bitmap now: iOS counts canvas memory per page and a 12 MP one is 48 MB.
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) throw new CameraError('CAPTURE_FAILED', `The ${width}×${height} frame could not be encoded.`);
  return { blob, width, height, source: 'videoFrame' };
}
