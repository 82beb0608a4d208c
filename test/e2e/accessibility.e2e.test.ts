import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetLanguage } from '../../src/i18n/index.ts';
import { loadMessages } from '../../src/i18n/index.ts';
import en from '../../src/i18n/locales/en.ts';
import { axeViolations, minimalPdf, smallJpeg, startHarness, type Harness } from './harness.ts';

/**
 * The hosted page for every person: walked in several languages at 320 CSS px (a small phone, or
 * a 1280 px window at 400 % zoom), light and dark, where every screen must pass axe, fit without
 * horizontal scrolling or clipped boxes, have one h1 and show no English left over; completed with
 * the keyboard alone; and switched to another language mid-flow. One dev server for all of it.
 */

/** A merchant step whose texts are long in every language, so wrapping is tested too. */
const MERCHANT_TEXTS: Record<string, { name: string; description: string }> = {
  en: { name: 'Proof of income', description: 'A payslip or tax assessment from this year. '.repeat(6) },
  de: { name: 'Einkommensnachweis', description: 'Gehaltsabrechnung oder Steuerbescheid aus diesem Jahr (Einkommensteuerbescheinigungsunterlagen). '.repeat(4) },
  ja: { name: '収入証明書', description: '今年の給与明細書または課税証明書をアップロードしてください。'.repeat(6) },
  ru: { name: 'Подтверждение дохода', description: 'Расчётный листок или налоговое уведомление за этот год (высокопроизводительнейший). '.repeat(4) },
};

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    MARKID_API_KEY: undefined,
    MARKID_API_SECRET: undefined,
    MARKID_TOKEN_DEFAULTS: JSON.stringify({
      documents: ['ID_CARD', 'PASSPORT'],
      additionalSteps: {
        ALL: {
          ALL: {
            UTILITY_BILL: { settings: { canUpload: true, canCapture: false, canUploadPDF: true } },
            PROOF_OF_INCOME: { texts: MERCHANT_TEXTS, settings: { canUpload: true, canCapture: false, canUploadPDF: false } },
          },
        },
      },
    }),
  });
});
afterAll(async () => {
  await harness?.close();
});

type Walk = { locale: WidgetLanguage; scheme: 'light' | 'dark'; search: string };

const WALKS: Walk[] = [
  { locale: 'de', scheme: 'light', search: 'litauen' },
  // An English country name finds the country in any UI language.
  { locale: 'ja', scheme: 'dark', search: 'lithuania' },
  { locale: 'ru', scheme: 'dark', search: 'ЛИТВ' },
  { locale: 'en-XA', scheme: 'light', search: 'lith' },
];

describe.each(WALKS)('the hosted page in $locale ($scheme) at 320 px', ({ locale, scheme, search }) => {
  it('passes axe, fits and speaks only its language on every screen', async () => {
    const m = await loadMessages(locale);
    const context = await harness.browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: scheme });
    const page = await context.newPage();
    const localeModules = new Set<string>();
    page.on('request', (request) => {
      const module = /\/src\/i18n\/locales\/([a-z]{2})\.ts/.exec(request.url());
      if (module) localeModules.add(module[1]!);
    });
    const check = (screen: string) => checkScreen(page, `${locale} ${screen}`, locale);
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    const title = (text: string) => page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 30_000 });
    const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(m.actions.chooseFile).or(button(m.actions.chooseAnother)).click()]);
      await chooser.setFiles(file);
    };
    const ready = (template: string) => page.getByText(template.slice(0, template.indexOf('{{')).trim()).first().waitFor({ timeout: 60_000 });

    await page.goto(`${harness.origin}/?locale=${locale}`);
    const photo = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) };
    await title(m.instructions.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    await check('instructions');
    await button(m.actions.start).click();

    await title(m.country.title);
    await page.getByLabel(m.country.search).fill(search);
    await page.locator('input[value=LT]').check();
    await check('country');
    await page.getByLabel(m.country.search).fill('zzzz');
    await page.getByRole('status').filter({ hasText: 'zzzz' }).waitFor();
    await check('country, nothing found');
    await page.getByLabel(m.country.search).fill('');
    await button(m.actions.continue).click();

    await page.getByRole('radio', { name: m.documentType.ID_CARD }).check();
    await check('document');
    await button(m.actions.continue).click();

    await title(m.step.FRONT.title.replace('{{document}}', m.documentName.ID_CARD));
    await check('front, empty');
    await choose({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await page.getByRole('alert').filter({ hasText: m.fileError.UNSUPPORTED_TYPE }).waitFor();
    await check('front, refused file');
    await choose(photo);
    await ready(m.upload.ready);
    await check('front, ready');
    await button(m.actions.continue).click();

    await title(m.step.BACK.title.replace('{{document}}', m.documentName.ID_CARD));
    await choose(photo);
    await ready(m.upload.ready);
    await button(m.actions.continue).click();

    await title(m.step.FACE.title);
    await choose(photo);
    await ready(m.upload.ready);
    await check('face, ready');
    await button(m.actions.continue).click();

    await title(m.step.UTILITY_BILL.title);
    await choose({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await ready(m.upload.pdfReady);
    await check('utility bill, PDF ready');
    await button(m.actions.continue).click();

    const merchant = MERCHANT_TEXTS[locale] ?? MERCHANT_TEXTS.en!;
    await title(merchant.name);
    await page.getByText(merchant.description.trim().slice(0, 40)).waitFor();
    await choose(photo);
    await ready(m.upload.ready);
    await check('merchant step');
    await button(m.actions.continue).click();

    await title(m.review.title);
    await expect.poll(() => page.getByRole('img').count()).toBe(4);
    await check('review');

    // Hold the first submission to see the progress screen, then answer with a vendor refusal.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/submit', async (route) => {
      await held;
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ message: 'Invalid country', identifier: 'INVALID_COUNTRY', severity: 'ERROR' }) });
    });
    await button(m.actions.submit).click();
    await title(m.submitting.title);
    await check('submitting');
    release();
    await title(m.error.title);
    await page.getByText(m.vendorError.DOCUMENT_NOT_ACCEPTED).waitFor();
    await check('error');
    await page.unroute('**/api/submit');
    await button(m.actions.backToReview).click();
    await title(m.review.title);
    await button(m.actions.submit).click();
    await title(m.done.title);
    await check('done');

    // The page downloaded its own language and English (the fallback), no other.
    expect([...localeModules].sort()).toEqual(locale === 'en-XA' ? ['en'] : [locale, 'en'].sort());
    await context.close();
  });
});

describe('with the keyboard alone', () => {
  it('completes the whole flow: Tab, Shift+Tab, Enter, Space and arrow keys, focus always visible, no trap', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const keys = new Keyboard(page);
    // Playwright turns on file-chooser interception when a listener first appears, without waiting;
    // a key press can beat it (a click's own checks cannot), so the listener is there from the start.
    page.on('filechooser', () => undefined);
    await page.goto(`${harness.origin}/?locale=en`);
    const photo = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) };
    const heading = async (name: string) => {
      await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 30_000 });
      // The first screen leaves focus with the page; every later one puts it on its heading.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(name);
    };
    const upload = async (file: { name: string; mimeType: string; buffer: Buffer }, readyText: RegExp) => {
      await keys.tabTo('Choose a file');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
      await chooser.setFiles(file);
      await page.getByText(readyText).waitFor({ timeout: 60_000 });
    };

    await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
    await keys.cycle('instructions');
    await keys.tabTo('Start');
    await page.keyboard.press('Enter');

    await heading('Which country issued your document?');
    await keys.cycle('country');
    await keys.tabTo('Search for a country');
    await page.keyboard.type('lithu');
    await keys.tabTo('Lithuania');
    await page.keyboard.press('Space');
    expect(await page.locator('input[value=LT]').isChecked()).toBe(true);
    await keys.tabTo('Continue');
    await page.keyboard.press('Enter');

    await heading('Which document will you use?');
    await keys.tabTo('Identity card');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Passport' }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.getByRole('radio', { name: 'Identity card' }).isChecked()).toBe(true);
    await keys.tabTo('Continue');
    await page.keyboard.press('Space');

    await heading('Front of your identity card');
    await keys.cycle('front, empty');
    await upload(photo, /Photo ready/);
    await keys.cycle('front, ready');
    await keys.tabTo('Continue');
    await page.keyboard.press('Enter');
    for (const name of ['Back of your identity card', 'A photo of your face']) {
      await heading(name);
      await upload(photo, /Photo ready/);
      await keys.tabTo('Continue');
      await page.keyboard.press('Enter');
    }
    await heading('Proof of address');
    await upload({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: minimalPdf() }, /PDF ready/);
    await keys.tabTo('Continue');
    await page.keyboard.press('Enter');
    await heading('Proof of income');
    await upload(photo, /Photo ready/);
    await keys.tabTo('Continue');
    await page.keyboard.press('Enter');

    await heading('Check your photos');
    await keys.cycle('review');
    await keys.tabTo('Submit');
    // Shift+Tab leaves the button and Tab comes back to it: the order runs both ways.
    const before = await keys.shiftTab();
    expect(before).not.toBe('Submit');
    await keys.tabTo('Submit');
    await page.keyboard.press('Enter');

    await heading('Thank you, your photos were sent');
    await keys.cycle('done');
    expect(keys.invisibleFocus, 'elements focused without a visible focus ring').toEqual([]);
    await context.close();
  });
});

describe('the language menu on the hosted page', () => {
  it('switches mid-step keeping the photo, and the page follows with lang, title and address', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${harness.origin}/?locale=en`);
    const photo = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) };
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('input[value=LT]').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: 'Identity card' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file' }).click()]);
    await chooser.setFiles(photo);
    await page.getByText(/Photo ready/).waitFor({ timeout: 60_000 });

    // The person reaches the menu with Tab, as a keyboard user would, and picks German there.
    await new Keyboard(page).tabTo('Language');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { level: 1, name: 'Vorderseite Ihres Personalausweises' }).waitFor();
    await page.getByText(/Foto bereit/).waitFor();
    expect(await page.evaluate(() => ({ lang: document.documentElement.lang, title: document.title, search: location.search, focused: document.activeElement?.tagName }))).toEqual({
      lang: 'de',
      title: 'Bestätigen Sie Ihre Identität',
      search: '?locale=de',
      focused: 'SELECT',
    });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rückseite Ihres Personalausweises' }).waitFor();
    await context.close();

    // The vendor's own example writes `jp`; it means Japanese.
    const fresh = await harness.browser.newContext();
    const japanese = await fresh.newPage();
    await japanese.goto(`${harness.origin}/?locale=jp`);
    await japanese.getByRole('heading', { level: 1, name: '始める前に' }).waitFor();
    expect(await japanese.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await japanese.getByRole('combobox', { name: '言語' }).inputValue()).toBe('ja');
    await fresh.close();
  });
});

/**
 * Keyboard moves that report where focus went (by accessible name) and collect every element that
 * got focus without a visible ring.
 */
class Keyboard {
  readonly invisibleFocus: string[] = [];
  constructor(private readonly page: Page) {}

  /** Tab until focus is on the element named `name`; fails if a whole lap of the page never gets there. */
  async tabTo(name: string): Promise<void> {
    for (let press = 0; press < 60; press++) {
      if ((await this.press('Tab')).name === name) return;
    }
    throw new Error(`Tab never reached “${name}”`);
  }

  async shiftTab(): Promise<string> {
    return (await this.press('Shift+Tab')).name;
  }

  /**
   * Tabs from where focus is until it comes back to the first element it reached: a lap of the
   * whole page, so nothing on it (drop zone, lists, dialogs) holds focus captive.
   */
  async cycle(screen: string): Promise<void> {
    const first = await this.press('Tab');
    for (let press = 0; press < 80; press++) {
      if ((await this.press('Tab')).key === first.key) return;
    }
    throw new Error(`focus never came back around on the ${screen} screen: a keyboard trap`);
  }

  private async press(key: string): Promise<{ key: string; name: string }> {
    await this.page.keyboard.press(key);
    const focus = await this.page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return { key: 'body', name: '', ring: true };
      const labelled = element.getAttribute('aria-labelledby');
      const name =
        element.getAttribute('aria-label') ??
        (labelled ? document.getElementById(labelled)?.textContent : null) ??
        (element as HTMLInputElement).labels?.[0]?.textContent ??
        element.innerText;
      const style = getComputedStyle(element);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      // An id per element for this test, stable while other parts of the page come and go.
      const store = window as unknown as { focusIds?: WeakMap<Element, number>; focusCount?: number };
      store.focusIds ??= new WeakMap();
      if (!store.focusIds.has(element)) store.focusIds.set(element, (store.focusCount = (store.focusCount ?? 0) + 1));
      return { key: `${element.tagName}#${store.focusIds.get(element)}`, name: (name ?? '').trim(), ring };
    });
    if (!focus.ring) this.invisibleFocus.push(focus.name || focus.key);
    return focus;
  }
}

/** axe, layout at this width, headings and English leftovers, reported together for one screen. */
async function checkScreen(page: Page, label: string, locale: WidgetLanguage) {
  expect(await axeViolations(page), `axe on ${label}`).toEqual([]);
  const layout = await page.evaluate(() => {
    const root = document.querySelector('.mk-root');
    const clipped = [...(root?.querySelectorAll('*') ?? [])]
      .filter((element) => {
        const style = getComputedStyle(element);
        const hides = style.overflowX !== 'visible' && !(element instanceof HTMLInputElement) && !(element instanceof HTMLSelectElement);
        return hides && element.scrollWidth > element.clientWidth + 1 && !element.classList.contains('mk-visually-hidden');
      })
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return {
      horizontalScroll: document.documentElement.scrollWidth - window.innerWidth,
      clipped,
      h1: document.querySelectorAll('h1').length,
      lang: root?.getAttribute('lang'),
    };
  });
  expect(layout, `layout of ${label}`).toEqual({ horizontalScroll: 0, clipped: [], h1: 1, lang: locale });
  expect(await englishLeftovers(page, locale), `English on ${label}`).toEqual([]);
}

/** Every English UI string as a pattern ("Step {{current}} of {{total}}" → /^Step .+ of .+$/). */
const ENGLISH = leaves(en).map((text) => new RegExp(`^${text.split(/\{\{[^}]+\}\}/).map(escape).join('.+')}$`, 's'));

/** Widget text and text alternatives that read exactly like one of our English strings. */
async function englishLeftovers(page: Page, locale: WidgetLanguage): Promise<string[]> {
  if (locale === 'en') return [];
  const own = new Set(leaves(await loadMessages(locale)));
  const texts = await page.evaluate(() => {
    const root = document.querySelector('.mk-root');
    if (!root) return [];
    const found: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(node.textContent ?? '');
    for (const element of root.querySelectorAll('[alt], [aria-label], [title], [placeholder]')) {
      for (const name of ['alt', 'aria-label', 'title', 'placeholder']) found.push(element.getAttribute(name) ?? '');
    }
    return found.map((text) => text.trim()).filter(Boolean);
  });
  return texts.filter((text) => !own.has(text) && ENGLISH.some((pattern) => pattern.test(text)));
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value as object)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
