import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineElement, mount, TAG_NAME, type MarkIdOnboardingElement } from '../../src/embed/customElement.tsx';
import { makeSession } from '../sessionFixture.ts';

defineElement();

/** Options before the element enters the page, as a page script would set them: no session request is made. */
function widget(attributes: Record<string, string> = {}): MarkIdOnboardingElement {
  const element = document.createElement(TAG_NAME);
  element.session = makeSession({ documents: ['PASSPORT'], country: 'LT' });
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

const title = (element: MarkIdOnboardingElement) => element.shadowRoot?.querySelector('h1')?.textContent;
const button = (element: MarkIdOnboardingElement, name: string) =>
  [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === name);

afterEach(() => {
  document.body.replaceChildren();
});

describe('<markid-onboarding>', () => {
  it('renders in its own shadow root with an adopted stylesheet, leaving the page untouched', async () => {
    const element = widget({ locale: 'en' });
    await expect.poll(() => title(element)).toBe('Before you start');
    expect(element.shadowRoot?.adoptedStyleSheets).toHaveLength(1);
    expect(document.querySelectorAll('.mk-root').length).toBe(0);
    expect([...document.querySelectorAll('style')].some((style) => style.textContent?.includes('.mk-root'))).toBe(false);
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('follows its attributes: a new locale re-renders in place, JSON options apply, broken JSON is ignored', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = widget({ locale: 'en', theme: '{"--mk-color-primary":"#7a1f1f"}' });
    await expect.poll(() => title(element)).toBe('Before you start');
    const root = element.shadowRoot!.querySelector<HTMLElement>('.mk-root')!;
    expect(root.style.getPropertyValue('--mk-color-primary')).toBe('#7a1f1f');
    element.setAttribute('locale', 'lt');
    await expect.poll(() => title(element)).toBe('Prieš pradėdami');
    element.setAttribute('theme', '{not json');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('theme attribute is not valid JSON'));
    errors.mockRestore();
  });

  it('reports through DOM events that bubble out of the shadow root', async () => {
    const element = widget({ locale: 'en', closable: '' });
    const steps: unknown[] = [];
    const exits: unknown[] = [];
    document.addEventListener('markid-step-change', (event) => steps.push((event as CustomEvent).detail));
    document.addEventListener('markid-exit', (event) => exits.push((event as CustomEvent).detail));
    await expect.poll(() => button(element, 'Close')).toBeTruthy();
    // The event goes out from an effect after the screen is drawn: on a loaded machine, a moment after the button.
    await expect.poll(() => steps.at(-1)).toEqual({ screen: 'STEP', step: 'INSTRUCTIONS' });
    button(element, 'Close')!.click();
    expect(exits).toEqual([{ reason: 'CLOSED', at: { screen: 'STEP', step: 'INSTRUCTIONS' } }]);
  });

  it('shows no close control unless the page asks for one', async () => {
    const element = widget({ locale: 'en' });
    await expect.poll(() => title(element)).toBe('Before you start');
    expect(button(element, 'Close')).toBeUndefined();
    element.closable = true;
    await expect.poll(() => button(element, 'Close')).toBeTruthy();
  });

  it('keeps the person’s place when the page moves the element', async () => {
    const element = widget({ locale: 'en' });
    await expect.poll(() => button(element, 'Start')).toBeTruthy();
    button(element, 'Start')!.click();
    await expect.poll(() => title(element)).toBe('Photo page of your passport');
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(title(element)).toBe('Photo page of your passport');
  });
});

describe('MarkIdOnboarding.mount', () => {
  it('puts a widget into the element, wires the callbacks, and unmount() takes it all away', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const onStepChange = vi.fn();
    const onExit = vi.fn();
    const unmount = mount(host, { session: makeSession(), locale: 'en', onStepChange, onExit });
    const element = host.querySelector(TAG_NAME)!;
    await expect.poll(() => title(element)).toBe('Before you start');
    expect(onStepChange).toHaveBeenLastCalledWith({ screen: 'STEP', step: 'INSTRUCTIONS' });
    button(element, 'Close')!.click();
    expect(onExit).toHaveBeenCalledWith({ reason: 'CLOSED', at: { screen: 'STEP', step: 'INSTRUCTIONS' } });
    const shadow = element.shadowRoot!;
    unmount();
    expect(host.children).toHaveLength(0);
    await expect.poll(() => shadow.querySelector('.mk-root')).toBeNull();
  });
});
