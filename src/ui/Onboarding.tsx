import type { Translator as I18n } from '../i18n/index.ts';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { TranslationProvider, useTranslation } from '../i18n/react.tsx';
import { isOnboardingError, type OnboardingError } from '../core/errors.ts';
import type { ReuploadSession } from '../core/payload.ts';
import type { Session } from '../core/token.ts';
import { createI18n, resolveLanguage, type Translations, type UiLocale, type WidgetLanguage } from '../i18n/index.ts';
import { canResume, openDraftStore } from '../resume/draftStore.ts';
import { fetchSession } from '../submit/session.ts';
import { useColorScheme, type ColorScheme } from './colorScheme.ts';
import { CrashBoundary } from './CrashBoundary.tsx';
import type { CompleteEvent, ExitEvent, StepChange } from './events.ts';
import { ExitButton, ExitConfirm, ExitContext } from './exit.tsx';
import { ErrorScreen } from './screens/ErrorScreen.tsx';
import { FocusMemoryContext } from './ScreenFrame.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { useWidgetLanguage } from './useWidgetLanguage.ts';
import { Flow, type FlowCallbacks } from './Flow.tsx';
import { checked, startFlow, type FlowStart } from './startFlow.ts';

export interface OnboardingProps extends FlowCallbacks {
  /** A session the host already minted on its backend; when given, `sessionUrl` is not called. */
  session?: Session;
  /** Where the widget POSTs `{ locale? }` to get a session. Default `/api/session`. */
  sessionUrl?: string;
  /** Where the widget POSTs the submission. Default `/api/submit`. */
  submitUrl?: string;
  /** UI language; wins over the token's and the browser's. `jp` and region tags are understood. */
  locale?: string;
  /** The host's own wording for any UI string, per locale. */
  translations?: Translations;
  /** Shows a language menu at the top of the widget; switching keeps the person's progress. */
  languageSwitcher?: boolean;
  /** The language the widget speaks, once known and after every switch (say, for the page's `lang`). */
  onLanguageChange?: ((language: WidgetLanguage) => void) | undefined;
  /** CSS custom properties (`--mk-color-primary`, …) applied to the widget's root. */
  theme?: Record<`--mk-${string}`, string>;
  /** `auto` (default) follows the person's system setting; `light` or `dark` matches a host that has only one. */
  colorScheme?: ColorScheme;
  /**
   * Called when the person closes the widget or, after submitting, finishes. Passing it shows a
   * close control (with a confirmation once the person has started) and a finish button on the
   * last screen; the host then removes the widget. Without it the widget offers no way out.
   */
  onExit?: ((event: ExitEvent) => void) | undefined;
  /**
   * Called when the token expired, for a new session to send the same photos with; needed only
   * with `session` (without it the widget asks `sessionUrl` again). Without either, an expired
   * token ends in a message that says where to start again.
   */
  onSessionExpired?: (() => Promise<Session>) | undefined;
  /**
   * Keeps the person's photos and choices across a reload or an evicted tab, encrypted in this
   * browser (IndexedDB, AES-GCM, a key no script can read), until the token expires, the
   * verification is sent, or the person starts over. `{ key }` tells widgets on one origin apart.
   */
  resume?: boolean | { key: string };
  /** The browser's Back and Forward move between steps (for a page that owns its history). */
  browserHistory?: boolean;
  /**
   * Starts the widget for one additional step of a verification already sent: what the merchant's
   * server got from the backend's `POST /api/reupload/session`.
   */
  reupload?: ReuploadSession;
  /** Where a re-upload is sent. Default `/api/reupload`. */
  reuploadUrl?: string;
}


type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; start: FlowStart; i18n: I18n }
  | { kind: 'failed'; error: OnboardingError; i18n: I18n };

/** The whole widget: gets a session and the UI language, then runs the flow. */
export function Onboarding(props: OnboardingProps) {
  const { session: given, sessionUrl = '/api/session', submitUrl = '/api/submit', locale, translations, theme, colorScheme = 'auto' } = props;
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const focusMemory = useRef({ moved: false }).current;
  // The person's pick in the language menu holds until the host sets another `locale`.
  const [picked, setPicked] = useState<{ language: UiLocale; over: string | undefined } | null>(null);
  const option = picked && picked.over === locale ? picked.language : locale;
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages;
  const wording = useRef({ option, translations });
  wording.current = { option, translations };
  const resumeName = props.resume === true ? 'default' : props.resume ? props.resume.key : null;
  const store = useMemo(() => (resumeName && canResume() ? openDraftStore(resumeName) : null), [resumeName]);
  const renewSession = useSessionRenewal(props, option);

  useEffect(() => {
    const controller = new AbortController();
    const { option: chosen, translations: own } = wording.current;
    (async () => {
      try {
        const start = await startFlow({ given, reupload: props.reupload, sessionUrl, locale: chosen, store, signal: controller.signal });
        const i18n = await createI18n(resolveLanguage({ option: chosen, token: start.session.locale, browser }), own);
        if (!controller.signal.aborted) setLoad({ kind: 'ready', start, i18n });
      } catch (error) {
        if (controller.signal.aborted) return;
        const i18n = await createI18n(resolveLanguage({ option: chosen, browser }), own);
        const typed = isOnboardingError(error) ? error : ({ code: 'SESSION_FAILED', detail: String(error) } satisfies OnboardingError);
        if (!controller.signal.aborted) setLoad({ kind: 'failed', error: typed, i18n });
      }
    })();
    return () => controller.abort();
    // A new session restarts the flow; a new language or wording switches it in place (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given, props.reupload, sessionUrl, store, attempt]);

  const language = useWidgetLanguage(
    load.kind === 'loading' ? null : load.i18n,
    { option, token: load.kind === 'ready' ? load.start.session.locale : undefined, browser },
    translations,
    props.onLanguageChange,
  );

  useEffect(() => {
    if (load.kind === 'failed') props.onError?.(load.error);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  const exit = useExitRequest(props);
  const scheme = useColorScheme(colorScheme);
  const showExit = Boolean(exit.control) && !exit.confirming && exit.position?.screen !== 'SUBMITTING';
  const closeButton = useReturnFocus(exit.confirming);

  return (
    <div
      className="mk-root"
      // Lets a page theme the custom element from outside: `markid-onboarding::part(root) { --mk-…: … }`.
      part="root"
      data-mk-color-scheme={scheme}
      style={theme as CSSProperties | undefined}
      lang={language ?? undefined}
    >
      {load.kind === 'loading' && <div className="mk-loading" role="status" aria-busy="true" />}
      {load.kind !== 'loading' && (
        <TranslationProvider i18n={load.i18n}>
          <FocusMemoryContext.Provider value={focusMemory}>
            <main className="mk-card">
              {(props.languageSwitcher || showExit) && (
                <div className="mk-topbar">
                  {props.languageSwitcher && language && (
                    <LanguageSwitcher value={language} onChange={(chosen) => setPicked({ language: chosen, over: locale })} />
                  )}
                  {showExit && exit.control && <ExitButton onClick={exit.control.request} buttonRef={closeButton} />}
                </div>
              )}
              <ExitContext.Provider value={exit.control}>
                <div className="mk-flow" hidden={exit.confirming}>
                  {load.kind === 'ready' ? (
                    <CrashBoundary fallback={(error) => <ErrorScreen error={error} />} onCrash={props.onError}>
                      <Flow
                        session={load.start.session}
                        obtainedAt={load.start.obtainedAt}
                        target={load.start.target}
                        restored={load.start.restored}
                        resumed={load.start.resumed}
                        draftStore={load.start.target.kind === 'VERIFICATION' ? store : null}
                        renewSession={renewSession}
                        browserHistory={props.browserHistory}
                        submitUrl={submitUrl}
                        reuploadUrl={props.reuploadUrl}
                        onComplete={exit.onComplete}
                        onError={props.onError}
                        onStepChange={exit.onStepChange}
                      />
                    </CrashBoundary>
                  ) : (
                    <SessionFailed error={load.error} onRetry={() => setAttempt((count) => count + 1)} />
                  )}
                </div>
              </ExitContext.Provider>
              {exit.confirming && <ExitConfirm onStay={exit.stay} onLeave={exit.leave} />}
            </main>
          </FocusMemoryContext.Provider>
        </TranslationProvider>
      )}
    </div>
  );
}

const sameStep = (a: StepChange, b: StepChange) => a.screen === b.screen && a.step === b.step && a.stepName === b.stepName;

/** After "Stay", focus goes back to the close control that asked, not to the page's top. */
function useReturnFocus(confirming: boolean) {
  const button = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(confirming);
  useEffect(() => {
    if (wasConfirming.current && !confirming) button.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  return button;
}

/**
 * Follows where the person is (through the flow's own callbacks, passed on to the host) so a close
 * request can be answered: straight away before anything was done or after the end, otherwise only
 * once the person confirms.
 */
function useExitRequest({ onExit, onComplete, onStepChange }: OnboardingProps) {
  const [position, setPosition] = useState<StepChange | null>(null);
  const [confirming, setConfirming] = useState(false);
  const progressed = useRef(false);
  const scanRef = useRef<string | null>(null);
  const latest = useRef({ onExit, onComplete, onStepChange });
  latest.current = { onExit, onComplete, onStepChange };

  // Set by the handler itself, not on render: a click may come before React re-renders.
  const positionRef = useRef<StepChange | null>(null);

  const handleStepChange = useCallback((change: StepChange) => {
    // The same screen reported again (strict mode runs effects twice) is not progress.
    const previous = positionRef.current;
    if (previous && !sameStep(previous, change)) progressed.current = true;
    positionRef.current = change;
    setPosition(change);
    latest.current.onStepChange?.(change);
  }, []);
  const handleComplete = useCallback((result: CompleteEvent) => {
    scanRef.current = result.scanRef;
    latest.current.onComplete?.(result);
  }, []);

  const leave = useCallback(() => {
    setConfirming(false);
    latest.current.onExit?.({ reason: 'CLOSED', at: positionRef.current });
  }, []);
  const request = useCallback(() => {
    if (positionRef.current?.screen === 'DONE' && scanRef.current) {
      latest.current.onExit?.({ reason: 'FINISHED', scanRef: scanRef.current });
    } else if (progressed.current) setConfirming(true);
    else leave();
  }, [leave]);
  const control = useMemo(() => ({ request }), [request]);

  return {
    control: onExit ? control : null,
    position,
    confirming,
    stay: useCallback(() => setConfirming(false), []),
    leave,
    onStepChange: handleStepChange,
    onComplete: handleComplete,
  };
}

function SessionFailed({ error, onRetry }: { error: OnboardingError; onRetry: () => void }) {
  const { t } = useTranslation();
  return <ErrorScreen error={{ ...error, code: 'SESSION_FAILED' }} action={{ label: t('actions.retry'), run: onRetry }} />;
}

/**
 * How a new session is had when the token expires: the host's callback, else the session endpoint
 * again (unless the host gave the session itself); a re-upload cannot be renewed from here.
 */
function useSessionRenewal(props: OnboardingProps, locale: string | undefined): (() => Promise<Session>) | undefined {
  const latest = useRef({ props, locale });
  latest.current = { props, locale };
  const viaCallback = Boolean(props.onSessionExpired);
  const viaEndpoint = !props.session;
  const reupload = Boolean(props.reupload);
  return useMemo(() => {
    if (reupload) return undefined;
    if (viaCallback) {
      return async () => {
        const renew = latest.current.props.onSessionExpired;
        if (!renew) throw { code: 'TOKEN_EXPIRED', detail: 'onSessionExpired was removed' } satisfies OnboardingError;
        return checked(await renew());
      };
    }
    if (viaEndpoint) return () => fetchSession(latest.current.props.sessionUrl ?? '/api/session', latest.current.locale);
    return undefined;
  }, [reupload, viaCallback, viaEndpoint]);
}
