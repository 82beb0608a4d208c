import { useTranslation } from '../i18n/react.tsx';
import { formatSize } from './stepWording.ts';
import type { IntakeState } from './useImageIntake.ts';

/** "Preparing your photo…" while a file or a camera still is compressed, and why it failed if it did. */
export function IntakeStatus({ state }: { state: IntakeState }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="mk-muted" role="status">
        {state.kind === 'processing' && (
          <>
            {/* Indeterminate until the worker's first report, then how far it has got. */}
            <progress className="mk-progress" max={1} value={state.progress > 0 ? state.progress : undefined} aria-hidden="true" />
            {t('upload.preparing')}
          </>
        )}
      </div>
      {state.kind === 'failed' && (
        <p className="mk-error-text" role="alert">
          {t(`fileError.${state.code}`, { limit: state.limit ? formatSize(state.limit, i18n.language) : '' })}
        </p>
      )}
    </>
  );
}
