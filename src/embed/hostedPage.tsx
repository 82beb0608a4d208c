import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadMessages, type WidgetLanguage } from '../i18n/index.ts';
import { Onboarding } from '../ui/Onboarding.tsx';
import { SandboxReceipt } from './SandboxReceipt.tsx';
import '../ui/styles.css';
import './hostedPage.css';

/**
 * The hosted page: the widget alone on a page, talking to the backend that served it. `?locale=lt`
 * picks the language, and the widget's language menu switches it mid-flow without losing progress.
 * A reload or an evicted tab brings the person back to where they were, photos included, and the
 * browser's Back and Forward move between steps. On the sandbox it then shows what the vendor
 * received, so a merchant trying it sees the whole round trip.
 */
function HostedPage() {
  const locale = new URLSearchParams(window.location.search).get('locale') ?? undefined;
  const [scanRef, setScanRef] = useState<string | null>(null);
  return (
    <>
      {/* The page is the widget's alone: it may keep a draft across reloads and own the history. */}
      <Onboarding
        locale={locale}
        languageSwitcher
        onLanguageChange={followLanguage}
        resume
        browserHistory
        onComplete={(result) => setScanRef(result.scanRef)}
      />
      {scanRef && <SandboxReceipt scanRef={scanRef} />}
    </>
  );
}

/**
 * The page speaks the widget's language: `<html lang>` for screen readers and hyphenation, the
 * title for the tab and history, and `?locale=` so a reload or a shared link keeps the choice.
 */
function followLanguage(language: WidgetLanguage) {
  document.documentElement.lang = language;
  void loadMessages(language).then((messages) => {
    if (document.documentElement.lang === language) document.title = messages.app.title;
  });
  const url = new URL(window.location.href);
  if (url.searchParams.get('locale') !== language) {
    url.searchParams.set('locale', language);
    window.history.replaceState(window.history.state, '', url);
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');
createRoot(container).render(
  <StrictMode>
    <HostedPage />
  </StrictMode>,
);
