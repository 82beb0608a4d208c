import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { CapturedImage } from '../../core/flow';
import type { ImageStep } from '../../core/steps';
import { ImagePreview } from '../ImagePreview';
import { ScreenFrame } from '../ScreenFrame';
import { formatSize, type StepWording } from '../stepWording';
import { useImageIntake, type IntakeState } from '../useImageIntake';
import { BackButton, ContinueButton } from './buttons';

interface ImageStepScreenProps {
  eyebrow?: string | undefined;
  step: ImageStep;
  wording: StepWording;
  image: CapturedImage | undefined;
  budgetBytes: number;
  onImage: (image: CapturedImage) => void;
  onContinue: () => void;
  onBack?: (() => void) | undefined;
  backLabel?: string | undefined;
}

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.heic,.heif';

export function ImageStepScreen(props: ImageStepScreenProps) {
  const { eyebrow, step, wording, image, budgetBytes, onImage, onContinue, onBack, backLabel } = props;
  const { t } = useTranslation();
  const { settings } = step;
  const intake = useImageIntake({ budgetBytes, allowPdf: settings.canUploadPDF, onImage });

  return (
    <ScreenFrame
      title={wording.title}
      eyebrow={eyebrow}
      busy={intake.state.kind === 'processing'}
      actions={
        <>
          {onBack && <BackButton onClick={onBack} label={backLabel} />}
          <ContinueButton disabled={!image || intake.state.kind === 'processing'} onClick={onContinue} />
        </>
      }
    >
      <p className="mk-hint">{wording.hint}</p>
      {settings.canUpload ? (
        <>
          {image && <Preview image={image} title={wording.title} />}
          <DropZone
            accept={settings.canUploadPDF ? `${IMAGE_TYPES},application/pdf,.pdf` : IMAGE_TYPES}
            hasImage={Boolean(image)}
            allowPdf={settings.canUploadPDF}
            onFiles={intake.take}
            disabled={intake.state.kind === 'processing'}
          />
          {settings.canCapture && !image && <p className="mk-muted">{t('upload.cameraSoon')}</p>}
          <IntakeStatus state={intake.state} />
        </>
      ) : (
        <div className="mk-notice" role="alert">
          <p>{t('upload.captureOnly')}</p>
          <p>{t('upload.captureOnlyHelp')}</p>
        </div>
      )}
    </ScreenFrame>
  );
}

function Preview({ image, title }: { image: CapturedImage; title: string }) {
  const { t, i18n } = useTranslation();
  const size = formatSize(t, image.bytes, i18n.language);
  return (
    <figure className="mk-figure">
      {image.mediaType === 'application/pdf' ? (
        <div className="mk-pdf" aria-hidden="true">
          PDF
        </div>
      ) : (
        <ImagePreview image={image} alt={t('upload.preview', { step: title })} />
      )}
      <figcaption className="mk-muted">
        {image.mediaType === 'application/pdf'
          ? t('upload.pdfReady', { name: image.fileName ?? 'PDF', size })
          : t('upload.ready', { width: image.width, height: image.height, size })}
      </figcaption>
    </figure>
  );
}

interface DropZoneProps {
  accept: string;
  allowPdf: boolean;
  hasImage: boolean;
  disabled: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * Click, keyboard (Enter/Space on the focused zone) and drag and drop, from react-dropzone. Types
 * are not filtered here: the bytes decide later, so a wrong file gets a precise message rather
 * than a silent refusal.
 */
function DropZone({ accept, allowPdf, hasImage, disabled, onFiles }: DropZoneProps) {
  const { t } = useTranslation();
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    onDrop: (accepted, rejected) => onFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    multiple: false,
    disabled,
    // The zone itself is the button; a nested <button> would be a second tab stop doing the same.
    noKeyboard: false,
  });
  return (
    <div
      {...getRootProps({
        className: `mk-dropzone${isDragActive ? ' mk-dropzone--active' : ''}`,
        role: 'button',
        'aria-label': hasImage ? t('actions.chooseAnother') : t('actions.chooseFile'),
        'aria-describedby': 'mk-dropzone-types',
      })}
    >
      <input {...getInputProps()} accept={accept} aria-label={hasImage ? t('actions.chooseAnother') : t('actions.chooseFile')} />
      <p aria-hidden="true">
        {isDragActive ? (
          t('upload.dropActive')
        ) : (
          <>
            {t('upload.drop')} <span className="mk-link">{hasImage ? t('actions.chooseAnother') : t('actions.chooseFile')}</span>
          </>
        )}
      </p>
      <p id="mk-dropzone-types" className="mk-muted">
        {allowPdf ? t('upload.typesWithPdf') : t('upload.types')}
      </p>
    </div>
  );
}

function IntakeStatus({ state }: { state: IntakeState }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="mk-muted" role="status">
        {state.kind === 'processing' && (
          <>
            <progress className="mk-progress" aria-hidden="true" />
            {t('upload.preparing')}
          </>
        )}
      </div>
      {state.kind === 'failed' && (
        <p className="mk-error-text" role="alert">
          {t(`fileError.${state.code}`, { limit: state.limit ? formatSize(t, state.limit, i18n.language) : '' })}
        </p>
      )}
    </>
  );
}
