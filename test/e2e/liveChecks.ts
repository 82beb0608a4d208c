import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './harness.ts';

/** The viewfinder's one guidance line. */
export const guide = (page: Page) => page.locator('.mk-camera__guide');

/**
 * A camera screen with a fault in view: the line names it, nothing is taken by itself well past
 * the 0.7 s hold, and the outline never says it fits. Returns the analysed frames a second the
 * viewfinder reported.
 */
export async function expectNeverTakenByItself(page: Page, line: string): Promise<number> {
  await expect.poll(() => guide(page).textContent(), { timeout: 30_000 }).toBe(line);
  await page.waitForTimeout(3000);
  expect(await page.getByRole('img', { name: 'The photo you just took' }).count()).toBe(0);
  expect(await guide(page).textContent()).toBe(line);
  expect(await page.locator('.mk-camera__frame--fits').count()).toBe(0);
  const fps = Number(await page.locator('.mk-camera__viewport').getAttribute('data-analysed-fps'));
  expect(fps).toBeGreaterThan(0);
  return fps;
}

/**
 * The viewfinder passes axe; a shot with the shutter is flagged on the still review with
 * `verdict`, Retake first and focused. (axe's run is itself a long main-thread task: read any
 * long-task figures before this.)
 */
export async function expectShotFlagged(page: Page, verdict: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Take photo' }).click();
  await expect.poll(() => page.locator('.mk-still__fault').textContent(), { timeout: 20_000 }).toBe(verdict);
  await page.getByRole('button', { name: 'Use it anyway' }).waitFor();
  // Retake is the main choice, and has the focus.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Retake');
  expect(await axeViolations(page)).toEqual([]);
}

/** The camera takes the photo by itself and says so on a review with nothing flagged; returns the ms from live to the review. */
export async function expectTakenByItself(page: Page): Promise<number> {
  await expect.poll(() => page.getByRole('button', { name: 'Take photo' }).getAttribute('aria-disabled'), { timeout: 20_000 }).toBeNull();
  const live = Date.now();
  await page.getByText('The photo was taken automatically.', { exact: true }).waitFor({ timeout: 30_000 });
  const elapsed = Date.now() - live;
  await page.getByRole('button', { name: 'Use this photo' }).waitFor();
  expect(await page.locator('.mk-still__fault').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  return elapsed;
}
