import type { Browser, Page } from 'playwright-core';

/**
 * Collects what a newcomer's devtools would show in red on `page` from now on: console errors and
 * warnings, uncaught errors, failed requests and error statuses. `allowAborted`: a request the page
 * itself cancelled (React StrictMode's dev-only double mount aborts the first session request) is
 * not a failure.
 */
export function watchDevtools(page: Page, { allowAborted = false } = {}): string[] {
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
  return problems;
}

/** A new page at `url`, watched from its first request. */
export async function openWatched(browser: Browser, url: string, options: { allowAborted?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchDevtools(page, options);
  await page.goto(url);
  return { page, problems };
}
