import { useEffect, useId, useState } from 'react';
import { MAX_THUMBNAILS } from '../core/pdfPage.ts';
import { useTranslation } from '../i18n/react.tsx';
import type { PdfDocument } from '../pdf/pdfDocument.ts';
import { useObjectUrl } from './ImagePreview.tsx';
import { formatSize } from './stepWording.ts';

interface PdfPagePickerProps {
  document: Pick<PdfDocument, 'pageCount' | 'preview'>;
  /** The PDF's size and the step's budget, for the sentence that says why only a page is sent. */
  bytes: number;
  budgetBytes: number;
  page: number;
  disabled: boolean;
  onChoose: (page: number) => void;
}

/** CSS width of a page thumbnail. */
const THUMBNAIL_WIDTH = 96;

/**
 * For a PDF too large to send whole: the person picks the page with their name and address, from
 * thumbnails of the first {@link MAX_THUMBNAILS} pages (radio buttons, so the keyboard and screen
 * readers get the native control) or, in a longer PDF, from a list of every page number.
 */
export function PdfPagePicker({ document, bytes, budgetBytes, page, disabled, onChoose }: PdfPagePickerProps) {
  const { t, i18n } = useTranslation();
  const name = useId();
  const shown = Math.min(document.pageCount, MAX_THUMBNAILS);
  return (
    <fieldset className="mk-pdf-pages">
      <legend className="mk-pdf-pages__legend">{t('pdf.choosePage')}</legend>
      <p className="mk-muted">{t('pdf.tooLarge', { size: formatSize(bytes, i18n.language), limit: formatSize(budgetBytes, i18n.language) })}</p>
      <div className="mk-pdf-pages__list">
        {Array.from({ length: shown }, (_, index) => index + 1).map((number) => (
          <label key={number} className="mk-pdf-page">
            <input type="radio" name={name} value={number} checked={number === page} disabled={disabled} onChange={() => onChoose(number)} />
            <Thumbnail document={document} page={number} />
            <span>{t('pdf.page', { page: number })}</span>
          </label>
        ))}
      </div>
      {document.pageCount > MAX_THUMBNAILS && (
        <label className="mk-pdf-pages__other">
          {t('pdf.otherPage')}{' '}
          <select value={page} disabled={disabled} onChange={(event) => onChoose(Number(event.target.value))}>
            {Array.from({ length: document.pageCount }, (_, index) => (
              <option key={index} value={index + 1}>
                {t('pdf.page', { page: index + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** A page drawn small; decorative (the radio's label names the page), so no alternative text. */
function Thumbnail({ document, page }: { document: PdfPagePickerProps['document']; page: number }) {
  const [blob, setBlob] = useState<Blob | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    document.preview(page, THUMBNAIL_WIDTH, controller.signal).then(
      (drawn) => {
        if (!controller.signal.aborted) setBlob(drawn);
      },
      // A page that cannot be drawn small is named by its number alone; choosing it says why.
      () => undefined,
    );
    return () => controller.abort();
  }, [document, page]);
  const url = useObjectUrl(blob);
  return url ? <img className="mk-pdf-page__image" src={url} alt="" /> : <span className="mk-pdf-page__image" aria-hidden="true" />;
}
