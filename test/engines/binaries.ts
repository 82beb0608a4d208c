import { existsSync } from 'node:fs';

/** Every engine binary comes from Debian: tests never download a browser or a driver. */
export type EngineName = 'chromium' | 'webkit' | 'firefox';

interface Binary {
  env: string;
  candidates: string[];
  /** The Debian package that ships it, named in the failure. */
  debian: string;
}

const MULTIARCH = ['x86_64-linux-gnu', 'aarch64-linux-gnu'];

const BINARIES = {
  webkitDriver: { env: 'WEBKIT_WEBDRIVER', candidates: ['/usr/bin/WebKitWebDriver'], debian: 'webkit2gtk-driver' },
  miniBrowser: {
    env: 'WEBKIT_MINIBROWSER',
    candidates: MULTIARCH.flatMap((arch) => [`/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${arch}/webkit2gtk-4.0/MiniBrowser`]),
    debian: 'webkit2gtk-driver',
  },
  firefox: { env: 'FIREFOX_PATH', candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], debian: 'firefox-esr' },
  xvfb: { env: 'XVFB_PATH', candidates: ['/usr/bin/Xvfb'], debian: 'xvfb' },
} satisfies Record<string, Binary>;

export type BinaryName = keyof typeof BINARIES;

/** The binary's path, or an error naming the Debian package that provides it. */
export function findBinary(name: BinaryName): string {
  const binary: Binary = BINARIES[name];
  const fromEnv = process.env[binary.env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${binary.env}=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = binary.candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(`${name} not found (looked in ${binary.candidates.join(', ')}). Install Debian's ${binary.debian} (\`apt-get install ${binary.debian}\`) or set ${binary.env}.`);
  }
  return found;
}

/** What an engine needs on this machine; throws naming the first missing package. */
export function requireEngine(engine: EngineName): void {
  if (engine === 'webkit') {
    findBinary('webkitDriver');
    findBinary('miniBrowser');
    findBinary('xvfb');
  } else if (engine === 'firefox') {
    findBinary('firefox');
  }
}
