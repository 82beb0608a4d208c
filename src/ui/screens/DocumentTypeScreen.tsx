import { useTranslation } from '../../i18n/react.tsx';
import type { DocumentType } from '../../core/token.ts';
import { ScreenFrame } from '../ScreenFrame.tsx';
import { BackButton, ContinueButton } from './buttons.tsx';

interface DocumentTypeScreenProps {
  eyebrow?: string | undefined;
  documents: DocumentType[];
  selected: DocumentType | null;
  onChoose: (documentType: DocumentType) => void;
  onContinue: () => void;
  onBack?: (() => void) | undefined;
}

export function DocumentTypeScreen({ eyebrow, documents, selected, onChoose, onContinue, onBack }: DocumentTypeScreenProps) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      title={t('documentType.title')}
      eyebrow={eyebrow}
      actions={
        <>
          {onBack && <BackButton onClick={onBack} />}
          <ContinueButton disabled={!selected} onClick={onContinue} />
        </>
      }
    >
      <fieldset className="mk-choice-list">
        <legend className="mk-visually-hidden">{t('documentType.title')}</legend>
        {documents.map((documentType) => (
          <label key={documentType} className="mk-choice mk-choice--card">
            <input
              type="radio"
              name="mk-document"
              value={documentType}
              checked={documentType === selected}
              onChange={() => onChoose(documentType)}
            />
            <span>{t(`documentType.${documentType}`)}</span>
          </label>
        ))}
      </fieldset>
    </ScreenFrame>
  );
}
