import type { Decorator, Preview } from '@storybook/react-vite';
import type { Translator as I18n } from '../src/i18n/index.ts';
import { TranslationProvider } from '../src/i18n/react.tsx';
import { createI18n, UI_LOCALES, type UiLocale } from '../src/i18n/index.ts';
import { ExitContext } from '../src/ui/exit.tsx';
import { FocusMemoryContext } from '../src/ui/ScreenFrame.tsx';
import '../src/ui/styles.css';

const languages = new Map<UiLocale, Promise<I18n>>();
function i18nFor(locale: UiLocale): Promise<I18n> {
  let loading = languages.get(locale);
  if (!loading) {
    loading = createI18n(locale);
    languages.set(locale, loading);
  }
  return loading;
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** What a story may ask of the frame around it (`parameters.widget`). */
export interface WidgetParameters {
  /** `screen` (default): inside the widget's root and card, as the flow renders it; `none`: the story brings its own root. */
  frame?: 'screen' | 'none';
  /** Renders as if the host passed `onExit` (a Finish button on the done screen). */
  exit?: boolean;
}

/** The widget's root and card around a screen, in the toolbar's language and colour scheme. */
const widgetFrame: Decorator = (Story, context) => {
  const options = (context.parameters.widget ?? {}) as WidgetParameters;
  if (options.frame === 'none') return <Story />;
  const i18n = context.loaded.i18n as I18n;
  return (
    <div className="mk-root" data-mk-color-scheme={context.globals.scheme === 'dark' ? 'dark' : 'light'} lang={i18n.language}>
      <TranslationProvider i18n={i18n}>
        <FocusMemoryContext.Provider value={{ moved: false }}>
          <ExitContext.Provider value={options.exit ? { request: () => {} } : null}>
            <main className="mk-card">
              <Story />
            </main>
          </ExitContext.Provider>
        </FocusMemoryContext.Provider>
      </TranslationProvider>
    </div>
  );
};

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'The widget’s language',
      toolbar: { title: 'Language', icon: 'globe', dynamicTitle: true, items: UI_LOCALES.map((code) => ({ value: code, title: `${code} · ${names.of(code)}` })) },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: { title: 'Scheme', icon: 'contrast', dynamicTitle: true, items: [{ value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }] },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light' },
  loaders: [async ({ globals }) => ({ i18n: await i18nFor((globals.locale as UiLocale | undefined) ?? 'en') })],
  decorators: [widgetFrame],
  parameters: {
    layout: 'fullscreen',
    // Every story is an accessibility test: a violation fails it in `npm test`.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
