import type { DocumentType, ProcessImageKey } from './token';

/**
 * The body the widget POSTs to `submitUrl`: exactly the vendor's `/process` body plus
 * `additionalImages` for custom additional steps, which the backend forwards one by one to
 * `/upload-additional-step`. Images are plain base64 (no `data:` prefix); `null` for steps not taken.
 */
export interface SubmitBody {
  authToken: string;
  country: string;
  documentType: DocumentType;
  images: Record<ProcessImageKey, string | null>;
  additionalImages: Record<string, string>;
}

/** What the backend answers on success. */
export interface SubmitSuccess {
  scanRef: string;
}

/** The vendor's error shape, passed through by the backend with the vendor's status. */
export interface VendorErrorBody {
  message: string;
  identifier: string;
  severity?: string;
  documentation?: string;
}
