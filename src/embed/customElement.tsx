import { createRoot, type Root } from 'react-dom/client';
import type { OnboardingError } from '../core/errors.ts';
import type { Session } from '../core/token.ts';
import type { Translations } from '../i18n/index.ts';
import type { ColorScheme } from '../ui/colorScheme.ts';
import type { CompleteEvent, ExitEvent, StepChange } from '../ui/events.ts';
import { Onboarding, type OnboardingProps } from '../ui/Onboarding.tsx';
import widgetCss from '../ui/styles.css?inline';

export const TAG_NAME = 'markid-onboarding';

/** The element's DOM events; each `detail` is what the React component's callback receives. */
export interface MarkIdOnboardingEventMap {
  'markid-complete': CustomEvent<CompleteEvent>;
  'markid-error': CustomEvent<OnboardingError>;
  'markid-exit': CustomEvent<ExitEvent>;
  'markid-step-change': CustomEvent<StepChange>;
}

/** Attribute → property. `theme` and `translations` take JSON; `closable` is present or absent. */
const STRING_ATTRIBUTES = { 'session-url': 'sessionUrl', 'submit-url': 'submitUrl', locale: 'locale', 'color-scheme': 'colorScheme' } as const;
const JSON_ATTRIBUTES = { theme: 'theme', translations: 'translations' } as const;

/**
 * Outside styles cannot reach into the shadow root and ours cannot leak out; `all: initial` also
 * stops the page's inherited font, colour and spacing at the element's edge. A page themes the
 * widget through the `theme` property, or with `markid-onboarding::part(root) { --mk-…: … }`.
 */
const HOST_CSS = ':host { all: initial; display: block; } :host([hidden]) { display: none; }';

let sharedSheet: CSSStyleSheet | null = null;

/** One constructed stylesheet for every instance: parsed once, and allowed by a CSP without 'unsafe-inline'. */
function adoptStyles(shadow: ShadowRoot): void {
  const css = `${HOST_CSS}\n${widgetCss}`;
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    sharedSheet ??= new CSSStyleSheet();
    if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sharedSheet];
    return;
  }
  // Browsers before constructable stylesheets (Safari < 16.4): a <style> element, which a strict CSP blocks.
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
}

/**
 * `<markid-onboarding>`: the React component in a shadow root, driven by attributes and properties,
 * reporting through DOM events. Works in any page or framework; one element, one verification.
 */
export class MarkIdOnboardingElement extends HTMLElement {
  static readonly observedAttributes = [...Object.keys(STRING_ATTRIBUTES), ...Object.keys(JSON_ATTRIBUTES), 'closable'];

  #props: ElementOptions = {};
  #closable = false;
  #root: Root | null = null;
  #container: HTMLDivElement | null = null;
  #unmountScheduled = false;

  get session(): Session | undefined {
    return this.#props.session;
  }
  set session(value: Session | undefined) {
    this.#set('session', value ?? undefined);
  }
  get sessionUrl(): string | undefined {
    return this.#props.sessionUrl;
  }
  set sessionUrl(value: string | undefined) {
    this.#set('sessionUrl', value ?? undefined);
  }
  get submitUrl(): string | undefined {
    return this.#props.submitUrl;
  }
  set submitUrl(value: string | undefined) {
    this.#set('submitUrl', value ?? undefined);
  }
  get locale(): string | undefined {
    return this.#props.locale;
  }
  set locale(value: string | undefined) {
    this.#set('locale', value ?? undefined);
  }
  get translations(): Translations | undefined {
    return this.#props.translations;
  }
  set translations(value: Translations | undefined) {
    this.#set('translations', value ?? undefined);
  }
  get theme(): OnboardingProps['theme'] {
    return this.#props.theme;
  }
  set theme(value: OnboardingProps['theme']) {
    this.#set('theme', value ?? undefined);
  }
  get colorScheme(): ColorScheme | undefined {
    return this.#props.colorScheme;
  }
  set colorScheme(value: ColorScheme | undefined) {
    this.#set('colorScheme', value === 'light' || value === 'dark' || value === 'auto' ? value : undefined);
  }
  /** Shows the close control; the page listens for `markid-exit` and removes the element. */
  get closable(): boolean {
    return this.#closable;
  }
  set closable(value: boolean) {
    this.#closable = Boolean(value);
    this.#render();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'closable') {
      this.closable = value !== null;
    } else if (name in STRING_ATTRIBUTES) {
      const property = STRING_ATTRIBUTES[name as keyof typeof STRING_ATTRIBUTES];
      (this as Record<typeof property, string | undefined>)[property] = value ?? undefined;
    } else if (name in JSON_ATTRIBUTES) {
      const property = JSON_ATTRIBUTES[name as keyof typeof JSON_ATTRIBUTES];
      this[property] = value === null ? undefined : parseJsonAttribute(name, value);
    }
  }

  connectedCallback(): void {
    this.#unmountScheduled = false;
    if (!this.#root) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      adoptStyles(shadow);
      this.#container = document.createElement('div');
      shadow.append(this.#container);
      this.#root = createRoot(this.#container);
    }
    this.#render();
  }

  disconnectedCallback(): void {
    // Moving the element (disconnect then connect in one task) must keep the person's progress.
    this.#unmountScheduled = true;
    queueMicrotask(() => {
      if (!this.#unmountScheduled || this.isConnected) return;
      this.#root?.unmount();
      this.#container?.remove();
      this.#root = null;
      this.#container = null;
    });
  }

  #set<K extends keyof ElementOptions>(key: K, value: ElementOptions[K]): void {
    this.#props = { ...this.#props, [key]: value };
    this.#render();
  }

  #render(): void {
    if (!this.#root) return;
    this.#root.render(
      <Onboarding
        {...this.#props}
        onComplete={(detail) => this.#emit('markid-complete', detail)}
        onError={(detail) => this.#emit('markid-error', detail)}
        onStepChange={(detail) => this.#emit('markid-step-change', detail)}
        onExit={this.#closable ? (detail) => this.#emit('markid-exit', detail) : undefined}
      />,
    );
  }

  #emit<K extends keyof MarkIdOnboardingEventMap>(type: K, detail: MarkIdOnboardingEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** Typed listeners for the element's own events, next to the ones every element has. */
export interface MarkIdOnboardingElement {
  addEventListener<K extends keyof MarkIdOnboardingEventMap>(
    type: K,
    listener: (this: MarkIdOnboardingElement, event: MarkIdOnboardingEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MarkIdOnboardingEventMap>(
    type: K,
    listener: (this: MarkIdOnboardingElement, event: MarkIdOnboardingEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Everything but the callbacks, which the element turns into events. */
type ElementOptions = Omit<OnboardingProps, 'onComplete' | 'onError' | 'onStepChange' | 'onExit'>;

function parseJsonAttribute(name: string, value: string): never | undefined {
  try {
    return JSON.parse(value) as never;
  } catch {
    console.error(`<${TAG_NAME}>: the ${name} attribute is not valid JSON; it is ignored.`);
    return undefined;
  }
}

/** Options of {@link mount}: the React component's props, callbacks included. */
export type MountOptions = OnboardingProps;

/**
 * Puts a `<markid-onboarding>` into `target` with these options and returns `unmount`, which
 * removes it (and everything it held). `onExit` given means the close control is shown.
 */
export function mount(target: Element, options: MountOptions = {}): () => void {
  defineElement();
  const { onComplete, onError, onStepChange, onExit, ...props } = options;
  const element = document.createElement(TAG_NAME) as MarkIdOnboardingElement;
  Object.assign(element, props);
  element.closable = Boolean(onExit);
  const listen = <K extends keyof MarkIdOnboardingEventMap>(type: K, callback: ((detail: MarkIdOnboardingEventMap[K]['detail']) => void) | undefined) => {
    if (callback) element.addEventListener(type, (event) => callback(event.detail));
  };
  listen('markid-complete', onComplete);
  listen('markid-error', onError);
  listen('markid-step-change', onStepChange);
  listen('markid-exit', onExit);
  target.append(element);
  return () => element.remove();
}

/** Idempotent, so two copies of the script on one page do not throw. */
export function defineElement(): void {
  if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, MarkIdOnboardingElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'markid-onboarding': MarkIdOnboardingElement;
  }
}
