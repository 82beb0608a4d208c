/**
 * The script-tag bundle (dist/standalone/markid-onboarding.js, React included): defines
 * `<markid-onboarding>` and `window.MarkIdOnboarding.mount(element, options)`. Loaded as a module,
 * so the compression worker and the language files load from next to this script, wherever the
 * page itself lives.
 */
import { defineElement, mount, MarkIdOnboardingElement } from './customElement.tsx';

export type { MarkIdOnboardingEventMap, MountOptions } from './customElement.tsx';
export { mount, MarkIdOnboardingElement };

defineElement();

export interface MarkIdOnboardingGlobal {
  mount: typeof mount;
}

declare global {
  interface Window {
    MarkIdOnboarding?: MarkIdOnboardingGlobal;
  }
}

window.MarkIdOnboarding = { mount };
