import { useTranslation } from '../i18n/react.tsx';
import { formatSize } from './stepWording.ts';
import type { IntakeFailure, IntakeState } from './useImageIntake.ts';

/** The message for a failure: the PDF reader's own codes have their own section of the locale files. */
export function failureKey(code: IntakeFailure): string {
  return code.startsWith('PDF_') && code !== 'PDF_NOT_ALLOWED' ? `pdf.error.${code}` : `fileError.${code}`;
}

/** "Preparing your photo…" while a file or a camera still is compressed, and why it failed if it did. */
export function IntakeStatus({ state }: { state: IntakeState }) {
  const { t, i18n } = useTranslation();
  const failure = state.kind === 'failed' ? state.code : state.kind === 'choosingPage' ? state.failure : undefined;
  const progress = state.kind === 'processing' || state.kind === 'choosingPage' ? state.progress : null;
  return (
    <>
      <div className="mk-muted" role="status">
        {progress !== null && (
          <>
            {/* Indeterminate until the worker's first report, then how far it has got. */}
            <progress className="mk-progress" max={1} value={progress > 0 ? progress : undefined} aria-hidden="true" />
            {state.kind === 'choosingPage' ? t('pdf.preparingPage', { page: state.page }) : t('upload.preparing')}
          </>
        )}
      </div>
      {failure && (
        <p className="mk-error-text" role="alert">
          {t(failureKey(failure), { limit: state.kind === 'failed' && state.limit ? formatSize(state.limit, i18n.language) : '' })}
        </p>
      )}
    </>
  );
}
