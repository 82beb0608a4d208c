import { createContext, useContext, useEffect, useRef, type Ref } from 'react';
import { useTranslation } from '../i18n/react.tsx';

/** Present only when the host passed `onExit`: a widget the host cannot remove shows no way out. */
export const ExitContext = createContext<{ request: () => void } | null>(null);

export function useExit() {
  return useContext(ExitContext);
}

/** The widget's own close control, top right of the card (in the .mk-topbar the root draws). */
export function ExitButton({ onClick, buttonRef }: { onClick: () => void; buttonRef?: Ref<HTMLButtonElement> }) {
  const { t } = useTranslation();
  return (
    <button ref={buttonRef} type="button" className="mk-button mk-button--secondary mk-button--small mk-exit" onClick={onClick}>
      {t('exit.close')}
    </button>
  );
}

/**
 * Asked before anything done so far is thrown away. The flow stays mounted underneath (hidden), so
 * "Stay" returns to exactly where the person was, photos and all.
 */
export function ExitConfirm({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className="mk-screen"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="mk-exit-title"
      aria-describedby="mk-exit-text"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onStay();
      }}
    >
      <header className="mk-screen__header">
        <h1 id="mk-exit-title" ref={heading} tabIndex={-1} className="mk-title">
          {t('exit.confirmTitle')}
        </h1>
      </header>
      <div className="mk-screen__body">
        <p id="mk-exit-text">{t('exit.confirmText')}</p>
      </div>
      <div className="mk-actions">
        <button type="button" className="mk-button mk-button--secondary" onClick={onLeave}>
          {t('exit.leave')}
        </button>
        <button type="button" className="mk-button mk-button--primary" onClick={onStay}>
          {t('exit.stay')}
        </button>
      </div>
    </section>
  );
}
