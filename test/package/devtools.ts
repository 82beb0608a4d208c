import type { Browser, Page } from 'playwright-core';

export interface Opened {
  page: Page;
  /** What a newcomer's devtools would show in red: console errors and warnings, uncaught errors, failed requests. */
  problems: string[];
}

/**
 * Opens `url` in a new page and watches it. `allowAborted`: a request the page itself cancelled
 * (React StrictMode's dev-only double mount aborts the first session request) is not a failure.
 */
export async function openWatched(browser: Browser, url: string, { allowAborted = false } = {}): Promise<Opened> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (!(allowAborted && reason === 'net::ERR_ABORTED')) problems.push(`${reason}: ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}
