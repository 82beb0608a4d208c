/**
 * Y4M videos for Chromium's fake camera (`--use-file-for-fake-video-capture`), made with ffmpeg
 * from drawn scenes: a few frames of the same scene with fresh sensor noise, scaled up to a
 * webcam's resolution. Chromium plays the file in a loop.
 */
import { spawn } from 'node:child_process';
import { drawScene, type SceneKind, type SceneOptions } from './scenes.ts';

export interface VideoOptions extends SceneOptions {
  /** Output size; the scene is drawn at 640×480 and scaled. */
  outWidth?: number;
  outHeight?: number;
  frames?: number;
}

export async function writeSceneVideo(path: string, kind: SceneKind, seed: number, options: VideoOptions = {}): Promise<void> {
  const frames = options.frames ?? 3;
  const raw: Buffer[] = [];
  for (let i = 0; i < frames; i += 1) {
    const { frame } = drawScene(kind, seed, { ...options, noiseSeed: 1000 + i });
    const rgb = Buffer.alloc(frame.width * frame.height * 3);
    for (let p = 0, q = 0; p < frame.width * frame.height; p += 1, q += 4) {
      rgb[p * 3] = frame.rgba[q]!;
      rgb[p * 3 + 1] = frame.rgba[q + 1]!;
      rgb[p * 3 + 2] = frame.rgba[q + 2]!;
    }
    raw.push(rgb);
  }
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const outWidth = options.outWidth ?? 1280;
  const outHeight = options.outHeight ?? 960;
  await new Promise<void>((resolve, reject) => {
    const ffmpeg = spawn(
      'ffmpeg',
      ['-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', '30', '-i', '-', '-vf', `scale=${outWidth}:${outHeight}:flags=bicubic`, '-pix_fmt', 'yuv420p', path],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    ffmpeg.on('error', (error) => reject(new Error(`ffmpeg could not run (Debian: apt-get install ffmpeg): ${error.message}`)));
    ffmpeg.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr}`))));
    for (const buffer of raw) ffmpeg.stdin.write(buffer);
    ffmpeg.stdin.end();
  });
}
