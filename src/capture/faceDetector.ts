/**
 * Faces in a frame, for the selfie checks: MediaPipe's BlazeFace model run by @vladmandic/human
 * (MIT) on TensorFlow.js's WebAssembly backend, inside the analysis worker. Imported lazily, so
 * its chunk (about 0.85 MB gzipped: TensorFlow.js, the model's weights, the WebAssembly) is
 * fetched only when a selfie step opens the camera.
 *
 * Nothing is fetched from anywhere: the model's topology, its weights and the WebAssembly binary
 * are bundled into this chunk, and the worker's `fetch` answers human's and TensorFlow.js's
 * requests for them from memory. Human's defaults would fetch them from a CDN (the address is in
 * its bundle, unused); with every path pointed at {@link MODEL_BASE} (under the page's own origin,
 * so even a miss is never a request elsewhere) and only the face detector on, nothing else is
 * asked for. The bundles use no `eval`/`new Function`; compiling WebAssembly needs
 * `'wasm-unsafe-eval'`, which the hosted page already allows for the HEIC decoder.
 */
import { Human, type Config } from '@vladmandic/human';
import modelTopology from '../../node_modules/@vladmandic/human/models/blazeface.json?raw';
import modelWeights from '../../node_modules/@vladmandic/human/models/blazeface.bin?base64';
import wasmSimd from '../../node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?base64';
import type { FaceDetection } from '../quality/index.ts';

/** Where human and TensorFlow.js are told the files are; the worker's fetch serves them from this chunk. */
const MODEL_BASE = new URL('/__markid-face__/', self.location.href).href;

const FILES: Readonly<Record<string, { base64: string; type: string } | { text: string }>> = {
  'blazeface.json': { text: modelTopology },
  'blazeface.bin': { base64: modelWeights, type: 'application/octet-stream' },
  'tfjs-backend-wasm-simd.wasm': { base64: wasmSimd, type: 'application/wasm' },
};

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let serving = false;

/** The worker's fetch, answering for the bundled files and passing anything else on. */
function serveBundledFiles(): void {
  if (serving) return;
  serving = true;
  const network = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(MODEL_BASE)) return network(input, init);
    const file = FILES[url.slice(MODEL_BASE.length)];
    if (!file) return Promise.resolve(new Response(null, { status: 404 }));
    if ('text' in file) return Promise.resolve(new Response(file.text, { headers: { 'content-type': 'application/json' } }));
    return Promise.resolve(new Response(bytesOf(file.base64), { headers: { 'content-type': file.type } }));
  };
}

/** Up to this many faces are reported: enough to say "only you in the picture". */
const MAX_FACES = 3;
/** BlazeFace's own score below which a box is not a face. */
const MIN_SCORE = 0.6;

const CONFIG: Partial<Config> = {
  backend: 'wasm',
  // Only the SIMD build is bundled (every engine since 2023 has SIMD; without it the model fails to
  // load and the camera works without the selfie checks), and the threaded one is never chosen.
  wasmPath: MODEL_BASE,
  wasmPlatformFetch: false,
  modelBasePath: MODEL_BASE,
  // Nothing kept in the person's IndexedDB, no sample image warmed up, no frame skipped or cached.
  cacheModels: false,
  warmup: 'none',
  cacheSensitivity: 0,
  debug: false,
  filter: { enabled: false },
  gesture: { enabled: false },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
  face: {
    enabled: true,
    detector: { enabled: true, modelPath: 'blazeface.json', rotation: false, maxDetected: MAX_FACES, skipFrames: 0, skipTime: 0, minConfidence: MIN_SCORE, iouThreshold: 0.1, mask: false, return: false },
    mesh: { enabled: false },
    attention: { enabled: false },
    iris: { enabled: false },
    description: { enabled: false },
    emotion: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
    gear: { enabled: false },
  },
} as Partial<Config>;

let human: Promise<Human> | null = null;

function loadHuman(): Promise<Human> {
  human ??= (async () => {
    serveBundledFiles();
    const instance = new Human(CONFIG);
    // The threaded build needs a cross-origin-isolated page and a worker script of its own.
    instance.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await instance.load();
    if (!instance.models.loaded().includes('blazeface')) throw new Error('The face model did not load.');
    return instance;
  })();
  human.catch(() => {
    human = null;
  });
  return human;
}

/** Starts loading the model, so the first frame does not wait for it. */
export const prepareFaceDetector = (): Promise<unknown> => loadHuman();

/** The faces in `image`, in fractions of its size, most confident first. */
export async function detectFaces(image: ImageData): Promise<FaceDetection[]> {
  const detector = await loadHuman();
  const result = await detector.detect(image);
  return result.face
    .map((face): FaceDetection => {
      const [x, y, width, height] = face.boxRaw;
      const eye = (name: string) => {
        const point = face.annotations[name as keyof typeof face.annotations]?.[0];
        return point ? { x: point[0] / image.width, y: point[1] / image.height } : null;
      };
      return { box: { x, y, width, height }, score: face.boxScore, leftEye: eye('leftEye'), rightEye: eye('rightEye') };
    })
    .sort((a, b) => b.score - a.score);
}
