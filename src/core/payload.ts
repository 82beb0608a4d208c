import type { DocumentType, ProcessImageKey } from './token.ts';

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

/**
 * `POST {submitUrl}/status` with `{ authToken }` (or `{ reuploadToken }`): what the backend
 * remembers of the last submission for that token, so a widget whose connection dropped can learn
 * the outcome instead of sending the images again.
 */
export type SubmissionStatus =
  | { state: 'SUCCEEDED'; scanRef: string }
  /** The backend is forwarding it to the vendor right now. */
  | { state: 'IN_PROGRESS' }
  /** The last try failed with this answer; a new one may be sent. */
  | { state: 'FAILED'; status: number; error: VendorErrorBody }
  | { state: 'NOT_SUBMITTED' };

/**
 * What the merchant's server gets from `POST /api/reupload/session` and hands to the widget's
 * `reupload` option: permission to upload one additional step of one verification, once.
 */
export interface ReuploadSession {
  reuploadToken: string;
  scanRef: string;
  /** The additional step, e.g. UTILITY_BILL. */
  step: string;
  /** The step's texts and settings as the verification's token defined them. */
  texts: Record<string, { name?: string; description?: string }> | null;
  settings: { canUpload?: boolean; canCapture?: boolean; canUploadPDF?: boolean } | null;
  /** Seconds the re-upload session stays valid. */
  expiryTime: number;
}

/** The body the widget POSTs to `reuploadUrl`. */
export interface ReuploadBody {
  reuploadToken: string;
  /** Plain base64, no `data:` prefix. */
  image: string;
}
