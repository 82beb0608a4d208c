import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { engines } from './test/engines/vitestProvider.ts';
import { bundledFiles } from './scripts/bundledFiles.ts';
import { AUTO_ALLOW_CAMERA, CHROMIUM_ARGS, FAKE_CAMERA, tryFindChromium } from './test/chromium.ts';

/** Vitest browser mode in the system Chromium, with the fake camera already allowed. */
const chromiumWithFakeCamera = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({
    launchOptions: {
      // A missing browser is reported clearly by the projects' global setup.
      executablePath: tryFindChromium(),
      // The capture code is tested against a real MediaStream.
      args: [...CHROMIUM_ARGS, FAKE_CAMERA, AUTO_ALLOW_CAMERA],
    },
  }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  plugins: [react(), bundledFiles()],
  worker: { format: 'es', plugins: () => [bundledFiles()] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          // Walks through several screens in jsdom took over 5 s under the whole suite (see setup.ts).
          testTimeout: 20_000,
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        extends: true,
        // Bundled before the first test: found mid-run, React would be bundled a second time and
        // components rendered by @testing-library/react would fail with "invalid hook call".
        optimizeDeps: {
          // The compression worker's lazy chunks too: a reload while a worker imports them fails that test.
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@testing-library/react', '@testing-library/user-event', 'i18next', 'react-dropzone', 'browser-image-compression', 'libheif-js/libheif-wasm/libheif-bundle.mjs', 'pdfjs-dist', 'pdfjs-dist/build/pdf.worker.mjs', '@vladmandic/human'],
        },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          globalSetup: ['test/browser/requireChromium.ts'],
          browser: chromiumWithFakeCamera(),
        },
      },
      {
        extends: true,
        // Every story rendered in Chromium as a test, with its play function and an axe check (a
        // violation fails it: `a11y.test = 'error'` in .storybook/preview.tsx).
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('.storybook', import.meta.url)), storybookScript: 'npm run storybook' })],
        optimizeDeps: {
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', 'i18next', 'react-dropzone', 'browser-image-compression', 'libheif-js/libheif-wasm/libheif-bundle.mjs', 'pdfjs-dist', 'pdfjs-dist/build/pdf.worker.mjs', '@vladmandic/human'],
        },
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          globalSetup: ['test/browser/requireChromium.ts'],
          browser: chromiumWithFakeCamera(),
        },
      },
      {
        extends: true,
        // `npm run build` and `npm pack` once, then the tarball in a fresh app and every README command
        // that needs the build: a broken build, declaration or package fails `npm test`.
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          globalSetup: ['test/package/buildAndPack.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      // The compression suites again in WebKit and Firefox, one engine after the other and after
      // everything else (groupOrder), so the two engines never load the shared machine at once.
      ...(['webkit', 'firefox'] as const).map((engine, i) => ({
        extends: true as const,
        optimizeDeps: { include: ['browser-image-compression', 'libheif-js/libheif-wasm/libheif-bundle.mjs'] },
        test: {
          name: `compress-${engine}`,
          include: ['test/browser/compress*.test.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 1 + i },
          browser: { enabled: true, headless: true, screenshotFailures: false, provider: engines(), instances: [{ browser: engine }] },
        },
      })),
      {
        extends: true,
        // The flow and camera in WebKit (WebKitGTK MiniBrowser under Xvfb) and Firefox ESR, driven by
        // test/engines/driver.ts, against one page server and backend started by the global setup.
        test: {
          name: 'engines',
          environment: 'node',
          include: ['test/engines/**/*.test.ts'],
          globalSetup: ['test/engines/globalSetup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
