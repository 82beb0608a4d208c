import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDropzone } from 'react-dropzone';
import { uploadCheckFor } from '../../quality/uploadFindings.ts';
import { FlaggedUpload } from '../FlaggedUpload.tsx';
import { STRICT_RETAKES, useCaptureOptions } from '../captureOptions.ts';
import { useTranslation } from '../../i18n/react.tsx';
import { isolate } from '../../core/bidi.ts';
import type { CaptureGuide } from '../../core/captureGuide.ts';
import type { CapturedImage } from '../../core/flow.ts';
import type { ImageStep } from '../../core/steps.ts';
import { loadImageSources } from '../lazyChunks.ts';
import { ImagePreview, useObjectUrl } from '../ImagePreview.tsx';
import { IntakeStatus } from '../IntakeStatus.tsx';
import { PdfPagePicker } from '../PdfPagePicker.tsx';
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

const ImageSources = lazy(() => loadImageSources().then((module) => ({ default: module.ImageSources })));

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.heic,.heif';

export function ImageStepScreen(props: ImageStepScreenProps) {
  const { eyebrow, step, wording, capture, image, budgetBytes, onImage, onContinue, onBack, backLabel } = props;
  const { settings } = step;
  const gate = useCaptureOptions().qualityGate;
  const check = useMemo(() => (gate === 'off' ? undefined : uploadCheckFor(capture.frame)), [gate, capture.frame]);
  const intake = useImageIntake({ budgetBytes, allowPdf: settings.canUploadPDF, onImage, check });
  const openPicker = useRef<(() => void) | null>(null);
  // As on the camera, `strict` offers "Use it anyway" once two more files were flagged too, so nobody is locked out.
  const [flaggedCount, setFlaggedCount] = useState(0);
  useEffect(() => {
    if (intake.state.kind === 'flagged') setFlaggedCount((count) => count + 1);
  }, [intake.state]);
  const busy = intake.state.kind === 'processing' || (intake.state.kind === 'choosingPage' && intake.state.progress !== null);
  const preview = image && <Preview image={image} title={wording.title} />;
  const upload = settings.canUpload && (
    <>
      {intake.state.kind === 'choosingPage' && (
        <PdfPagePicker
          document={intake.state.pdf.document}
          bytes={intake.state.pdf.bytes}
          budgetBytes={budgetBytes}
          page={intake.state.page}
          disabled={busy}
          onChoose={intake.choosePage}
        />
      )}
      {intake.state.kind === 'flagged' && (
        <FlaggedUpload
          image={intake.state.image}
          findings={intake.state.findings}
          strict={gate === 'strict' && flaggedCount <= STRICT_RETAKES}
          onChooseAnother={() => openPicker.current?.()}
          onUseAnyway={intake.keepFlagged}
        />
      )}
      <DropZone
        openRef={openPicker}
        accept={settings.canUploadPDF ? `${IMAGE_TYPES},application/pdf,.pdf` : IMAGE_TYPES}
        hasImage={Boolean(image)}
        allowPdf={settings.canUploadPDF}
        onFiles={intake.take}
        disabled={busy}
      />
      <IntakeStatus state={intake.state} />
    </>
  );

  return (
    <ScreenFrame
      title={wording.title}
      eyebrow={eyebrow}
      busy={busy}
      actions={
        <>
          {onBack && <BackButton onClick={onBack} label={backLabel} />}
          <ContinueButton disabled={!image || busy} onClick={onContinue} />
        </>
      }
    >
      <p className="mk-hint" dir="auto">
        {wording.hint}
      </p>
      {settings.canCapture ? (
        // The camera's chunk is asked for when the flow starts, so this rarely shows. Not the upload
        // meanwhile: a drop zone replaced mid-click would lose the person's file.
        <Suspense fallback={<div className="mk-loading" role="status" aria-busy="true" />}>
          <ImageSources
            stepName={step.name}
            settings={settings}
            guide={capture}
            hasImage={Boolean(image)}
            budgetBytes={budgetBytes}
            onImage={onImage}
            onContinue={onContinue}
            preview={preview}
            upload={upload}
          />
        </Suspense>
      ) : (
        <UploadOnly preview={preview} upload={upload} />
      )}
    </ScreenFrame>
  );
}

/** A step without the camera: the kept image and the file picker, or a plain word where neither is allowed. */
function UploadOnly({ preview, upload }: { preview: ReactNode; upload: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {preview}
      {upload && <div className="mk-sources__upload">{upload}</div>}
      {!upload && (
        <div className="mk-notice" role="alert">
          <p>{t('camera.noWay')}</p>
        </div>
      )}
    </>
  );
}

function Preview({ image, title }: { image: CapturedImage; title: string }) {
  const { t, i18n } = useTranslation();
  const size = formatSize(image.bytes, i18n.language);
  const name = image.fileName ?? 'PDF';
  if (image.mediaType === 'application/pdf') {
    return (
      <figure className="mk-figure">
        <PdfFirstPage image={image} alt={t('pdf.firstPage', { name: isolate(name) })} />
        <figcaption className="mk-muted">
          {t('upload.pdfReady', { name, size })}
          {image.pageCount !== undefined && <> {t('pdf.pageCount', { count: image.pageCount })}</>}
        </figcaption>
      </figure>
    );
  }
  const fromPdf = image.pdfPage !== undefined;
  return (
    <figure className="mk-figure">
      <ImagePreview image={image} alt={fromPdf ? t('pdf.pageAlt', { page: image.pdfPage, name: isolate(name) }) : t('upload.preview', { step: isolate(title) })} />
      <figcaption className="mk-muted">
        {fromPdf
          ? t('pdf.pageReady', { page: image.pdfPage, count: image.pageCount ?? '?', name: isolate(name), width: image.width, height: image.height, size })
          : t('upload.ready', { width: image.width, height: image.height, size })}
      </figcaption>
    </figure>
  );
}

/** The first page drawn when the PDF was chosen; the plain badge after a reload, which does not keep it. */
function PdfFirstPage({ image, alt }: { image: CapturedImage; alt: string }) {
  const url = useObjectUrl(image.preview ?? null);
  if (!url) {
    return (
      <div className="mk-pdf" aria-hidden="true">
        PDF
      </div>
    );
  }
  return <img className="mk-preview mk-preview--page" src={url} alt={alt} />;
}

interface DropZoneProps {
  /** Set to the function that opens the file picker, for buttons outside the zone. */
  openRef: { current: (() => void) | null };
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
function DropZone({ openRef, accept, allowPdf, hasImage, disabled, onFiles }: DropZoneProps) {
  const { t } = useTranslation();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted, rejected) => onFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    multiple: false,
    disabled,
    noClick: true,
    noKeyboard: true,
  });
  openRef.current = open;
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
