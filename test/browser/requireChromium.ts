import { findChromium } from '../chromium.ts';

/** Fails the browser project up front with an actionable message instead of Playwright's own. */
export default function requireChromium(): void {
  findChromium();
}
