import { useTranslation } from '../../i18n/react.tsx';
import { isolate } from '../../core/bidi.ts';
import type { CapturedImage } from '../../core/flow.ts';
import { ImagePreview } from '../ImagePreview.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';
import { BackButton } from './buttons.tsx';

export interface ReviewItem {
  name: string;
  title: string;
  image: CapturedImage | undefined;
}

interface ReviewScreenProps {
  eyebrow?: string | undefined;
  items: ReviewItem[];
  onRetake: (step: string) => void;
  onSubmit: () => void;
  onBack?: (() => void) | undefined;
}

export function ReviewScreen({ eyebrow, items, onRetake, onSubmit, onBack }: ReviewScreenProps) {
  const { t } = useTranslation();
  const complete = items.every((item) => item.image);
  return (
    <ScreenFrame
      title={t('review.title')}
      eyebrow={eyebrow}
      actions={
        <>
          {onBack && <BackButton onClick={onBack} />}
          <button
            type="button"
            className="mk-button mk-button--primary"
            aria-disabled={!complete || undefined}
            onClick={() => complete && onSubmit()}
          >
            {t('actions.submit')}
          </button>
        </>
      }
    >
      <p>{t('review.intro')}</p>
      <ul className="mk-review">
        {items.map(({ name, title, image }) => (
          <li key={name} className="mk-review__item">
            <h2 className="mk-review__title" dir="auto">
              {title}
            </h2>
            {image?.mediaType === 'application/pdf' && <p className="mk-pdf-line">{t('review.pdf', { name: image.fileName ?? 'PDF' })}</p>}
            {image && image.mediaType !== 'application/pdf' && (
              <ImagePreview image={image} alt={t('upload.preview', { step: isolate(title) })} className="mk-review__image" />
            )}
            {!image && <p className="mk-error-text">{t('review.missing', { step: isolate(title) })}</p>}
            <button type="button" className="mk-button mk-button--secondary mk-button--small" onClick={() => onRetake(name)}>
              {t('actions.retake')}
              <span className="mk-visually-hidden">
                : <bdi>{title}</bdi>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
