import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Onboarding } from '../ui/Onboarding';
import { SandboxReceipt } from './SandboxReceipt';
import '../ui/styles.css';
import './hostedPage.css';

/**
 * The hosted page: the widget alone on a page, talking to the backend that served it. `?locale=lt`
 * picks the language. On the sandbox it then shows what the vendor received, so a merchant trying
 * it sees the whole round trip.
 */
function HostedPage() {
  const locale = new URLSearchParams(window.location.search).get('locale') ?? undefined;
  const [scanRef, setScanRef] = useState<string | null>(null);
  return (
    <>
      <Onboarding locale={locale} onComplete={(result) => setScanRef(result.scanRef)} />
      {scanRef && <SandboxReceipt scanRef={scanRef} />}
    </>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');
createRoot(container).render(
  <StrictMode>
    <HostedPage />
  </StrictMode>,
);
