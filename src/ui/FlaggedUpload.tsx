import { useEffect, useRef } from 'react';
import type { CapturedImage } from '../core/flow.ts';
import { useTranslation } from '../i18n/react.tsx';
import type { UploadFinding } from '../quality/uploadFindings.ts';
import { ImagePreview } from './ImagePreview.tsx';

interface FlaggedUploadProps {
  image: CapturedImage;
  findings: UploadFinding[];
  /** `'strict'`: no way to keep it. */
  strict: boolean;
  onChooseAnother: () => void;
  onUseAnyway: () => void;
}

/**
 * A chosen photo that failed a check, before it is kept: what is wrong in words, "Choose another
 * file" first, and "Use it anyway" second (not under a strict gate), since `/process` is one-shot
 * and a photo the vendor rejects costs a whole new verification.
 */
export function FlaggedUpload({ image, findings, strict, onChooseAnother, onUseAnyway }: FlaggedUploadProps) {
  const { t } = useTranslation();
  const primary = useRef<HTMLButtonElement>(null);
  // The warning replaces the progress the person was watching: their next move starts here.
  useEffect(() => primary.current?.focus(), [image]);
  return (
    <section className="mk-flagged" aria-labelledby="mk-flagged-title">
      <ImagePreview image={image} alt={t('uploadCheck.previewAlt')} className="mk-preview mk-flagged__image" />
      <div role="alert">
        <p id="mk-flagged-title" className="mk-flagged__title">
          {t('uploadCheck.title')}
        </p>
        <ul className="mk-flagged__list">
          {findings.map((finding) => (
            <li key={finding.code}>{t(`uploadCheck.finding.${finding.code}`, finding.code === 'lowResolution' ? { width: finding.width, height: finding.height, limit: finding.limit } : {})}</li>
          ))}
        </ul>
        <p className="mk-muted">{strict ? t('uploadCheck.strictHint') : t('uploadCheck.hint')}</p>
      </div>
      <div className="mk-flagged__actions">
        <button ref={primary} type="button" className="mk-button mk-button--primary" onClick={onChooseAnother}>
          {t('actions.chooseAnother')}
        </button>
        {!strict && (
          <button type="button" className="mk-button mk-button--secondary" onClick={onUseAnyway}>
            {t('uploadCheck.useAnyway')}
          </button>
        )}
      </div>
    </section>
  );
}
