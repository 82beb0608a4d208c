/**
 * Y4M videos for Chromium's fake camera (`--use-file-for-fake-video-capture`), made with ffmpeg
 * from drawn scenes: a few frames of the same scene with fresh sensor noise, scaled up to a
 * webcam's resolution. Chromium plays the file in a loop.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FACE_GRID, FACE_GRID_URL, FACE_TILES } from './faceScenes.ts';
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
  await runFfmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', '30', '-i', '-', '-vf', `scale=${outWidth}:${outHeight}:flags=bicubic`, '-pix_fmt', 'yuv420p', path], raw);
}

export type FaceVideoKind = 'face' | 'twoFaces' | 'noFace';

/**
 * A selfie view for the fake camera, made by ffmpeg straight from the face grid in
 * `@vladmandic/human`'s package (see faceScenes.ts): one face (or two, or none) on a plain wall,
 * 4:3, with fresh sensor noise each frame. The face's box is about half the frame high, centred:
 * what the oval asks for.
 */
export async function writeFaceVideo(path: string, kind: FaceVideoKind, options: { width?: number; height?: number; frames?: number } = {}): Promise<void> {
  const width = options.width ?? 1280;
  const height = options.height ?? 960;
  const side = Math.round(height * 0.45);
  const tile = (index: number) => {
    const [row, column] = FACE_TILES[index]!;
    return `crop=${FACE_GRID.size}:${FACE_GRID.size}:${Math.round(FACE_GRID.left + column * FACE_GRID.pitchX)}:${Math.round(FACE_GRID.top + row * FACE_GRID.pitchY)},scale=${side}:${side}`;
  };
  const grid = fileURLToPath(new URL(`../../${FACE_GRID_URL}`, import.meta.url));
  const wall = `color=c=0x9c958c:s=${width}x${height}:r=30`;
  const noise = 'noise=alls=4:allf=t,format=yuv420p';
  const graph =
    kind === 'noFace'
      ? `[0:v]${noise}[out]`
      : kind === 'face'
        ? `[1:v]${tile(0)}[a];[0:v][a]overlay=(W-w)/2:(H-h)/2,${noise}[out]`
        : `[1:v]split[g1][g2];[g1]${tile(0)}[a];[g2]${tile(9)}[b];[0:v][a]overlay=W*0.3-w/2:(H-h)/2[t];[t][b]overlay=W*0.7-w/2:(H-h)/2,${noise}[out]`;
  await runFfmpeg(['-f', 'lavfi', '-i', wall, '-loop', '1', '-i', grid, '-filter_complex', graph, '-map', '[out]', '-frames:v', String(options.frames ?? 6), path]);
}

/** ffmpeg with `args`, fed `input` on stdin when given; rejects with its own words on failure. */
function runFfmpeg(args: string[], input?: Buffer[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', ['-loglevel', 'error', '-y', ...args], { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    ffmpeg.on('error', (error) => reject(new Error(`ffmpeg could not run (Debian: apt-get install ffmpeg): ${error.message}`)));
    ffmpeg.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr}`))));
    if (input && ffmpeg.stdin) {
      for (const buffer of input) ffmpeg.stdin.write(buffer);
      ffmpeg.stdin.end();
    }
  });
}
