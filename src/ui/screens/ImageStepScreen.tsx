import { useDropzone } from 'react-dropzone';
import { useTranslation } from '../../i18n/react.tsx';
import { isolate } from '../../core/bidi.ts';
import type { CaptureGuide } from '../../core/captureGuide.ts';
import type { CapturedImage } from '../../core/flow.ts';
import type { ImageStep } from '../../core/steps.ts';
import { ImageSources } from '../camera/ImageSources.tsx';
import { ImagePreview } from '../ImagePreview.tsx';
import { IntakeStatus } from '../IntakeStatus.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';
import { formatSize, type StepWording } from '../stepWording.ts';
import { useImageIntake } from '../useImageIntake.ts';
import { BackButton, ContinueButton } from './buttons.tsx';

interface ImageStepScreenProps {
  eyebrow?: string | undefined;
  step: ImageStep;
  wording: StepWording;
  /** The camera to ask for and the outline to draw, when the step allows the camera. */
  capture: CaptureGuide;
  image: CapturedImage | undefined;
  budgetBytes: number;
  onImage: (image: CapturedImage) => void;
  onContinue: () => void;
  onBack?: (() => void) | undefined;
  backLabel?: string | undefined;
}

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.heic,.heif';

export function ImageStepScreen(props: ImageStepScreenProps) {
  const { eyebrow, step, wording, capture, image, budgetBytes, onImage, onContinue, onBack, backLabel } = props;
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
      <p className="mk-hint" dir="auto">
        {wording.hint}
      </p>
      <ImageSources
        settings={settings}
        guide={capture}
        hasImage={Boolean(image)}
        budgetBytes={budgetBytes}
        onImage={onImage}
        onContinue={onContinue}
        preview={image && <Preview image={image} title={wording.title} />}
        upload={
          settings.canUpload && (
            <>
              <DropZone
                accept={settings.canUploadPDF ? `${IMAGE_TYPES},application/pdf,.pdf` : IMAGE_TYPES}
                hasImage={Boolean(image)}
                allowPdf={settings.canUploadPDF}
                onFiles={intake.take}
                disabled={intake.state.kind === 'processing'}
              />
              <IntakeStatus state={intake.state} />
            </>
          )
        }
      />
    </ScreenFrame>
  );
}

function Preview({ image, title }: { image: CapturedImage; title: string }) {
  const { t, i18n } = useTranslation();
  const size = formatSize(image.bytes, i18n.language);
  return (
    <figure className="mk-figure">
      {image.mediaType === 'application/pdf' ? (
        <div className="mk-pdf" aria-hidden="true">
          PDF
        </div>
      ) : (
        <ImagePreview image={image} alt={t('upload.preview', { step: isolate(title) })} />
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
 * A drop target around a real button: the button gives keyboard and screen-reader users a native
 * control, the zone takes drag and drop (react-dropzone). Types are not filtered here: the bytes
 * decide later, so a wrong file gets a precise message rather than a silent refusal.
 */
function DropZone({ accept, allowPdf, hasImage, disabled, onFiles }: DropZoneProps) {
  const { t } = useTranslation();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted, rejected) => onFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    multiple: false,
    disabled,
    noClick: true,
    noKeyboard: true,
  });
  return (
    <div {...getRootProps({ className: `mk-dropzone${isDragActive ? ' mk-dropzone--active' : ''}` })}>
      {/* Only the browser's file picker; the button below is the control people use. */}
      <input {...getInputProps()} accept={accept} aria-hidden="true" />
      <p>{isDragActive ? t('upload.dropActive') : t('upload.drop')}</p>
      <button type="button" className="mk-button mk-button--secondary" onClick={open} disabled={disabled} aria-describedby="mk-dropzone-types">
        {hasImage ? t('actions.chooseAnother') : t('actions.chooseFile')}
      </button>
      <p id="mk-dropzone-types" className="mk-muted">
        {allowPdf ? t('upload.typesWithPdf') : t('upload.types')}
      </p>
    </div>
  );
}
