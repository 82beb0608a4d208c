import { useTranslation } from '../../i18n/react.tsx';

export function BackButton({ onClick, label }: { onClick: () => void; label?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="mk-button mk-button--secondary" onClick={onClick}>
      {label ?? t('actions.back')}
    </button>
  );
}

export function ContinueButton({ onClick, disabled = false }: { onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  // aria-disabled keeps the button focusable and announced, instead of silently skipping it.
  return (
    <button
      type="button"
      className="mk-button mk-button--primary"
      aria-disabled={disabled || undefined}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {t('actions.continue')}
    </button>
  );
}
