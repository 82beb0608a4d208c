import { existsSync } from 'node:fs';

/** Where a system Chromium lives; tests never download a browser of their own. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function tryFindChromium(): string | undefined {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
}

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install one (Debian: `apt-get install chromium`) ' +
        'or set CHROME_PATH to its executable.',
    );
  }
  return found;
}

/** Flags for a closed network and a root user: no background requests, no sandbox, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Chromium's built-in fake camera: a moving 3840×2160 test pattern. Permission is still asked,
 * as on a real device: grant it per context (`permissions: ['camera']`), or add
 * {@link AUTO_ALLOW_CAMERA}. `=device-count=0` gives a machine without a camera.
 */
export const FAKE_CAMERA = '--use-fake-device-for-media-stream';
/** Answers every camera prompt with "allow". */
export const AUTO_ALLOW_CAMERA = '--use-fake-ui-for-media-stream';
