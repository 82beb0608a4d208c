import { expect, it } from 'vitest';
import { compressImage } from '../../src/compress/compressImage.ts';
import { documentPhoto, heicOf, pixelFloodPng } from './compressFixtures.ts';

/**
 * Compression must never freeze the page: everything heavy runs in the worker. Long tasks (over
 * 50 ms, PerformanceObserver 'longtask') that overlap a compression are ours, since the test does
 * nothing else meanwhile. A presence check, not a timing target: a long task is a failure however
 * fast the machine.
 */
// Only Chromium reports long tasks; elsewhere the observer would see nothing and the test could not fail.
const longTasksSeen = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('longtask');

it.skipIf(!longTasksSeen)('causes no main-thread long task while compressing a 12 MP photo, a 48 MP photo, a HEIC and a pixel flood', async () => {
  const inputs: [string, Blob][] = [
    ['12 MP JPEG', await documentPhoto()],
    ['48 MP JPEG', await documentPhoto({ width: 8000, height: 6000, noise: 4, seed: 48 })],
    ['12 MP HEIC', await heicOf(await documentPhoto({ seed: 3 }))],
    ['16,000² PNG', await pixelFloodPng(16_000)],
  ];
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const windows: { name: string; start: number; end: number }[] = [];
  for (const [name, file] of inputs) {
    const start = performance.now();
    await compressImage(file, { budgetBytes: 3_000_000 });
    windows.push({ name, start, end: performance.now() });
    // Long-task entries arrive after the task; let them in before the next window opens.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  observer.disconnect();
  const ours = tasks.flatMap((task) =>
    windows.filter((w) => task.startTime < w.end && task.startTime + task.duration > w.start).map((w) => `${w.name}: ${Math.round(task.duration)} ms task`),
  );
  expect(ours).toEqual([]);
});
