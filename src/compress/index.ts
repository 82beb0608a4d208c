export { compressImage, DEFAULT_MAX_LONG_SIDE, type CompressedImage, type CompressOptions } from './compressImage.ts';
export { ImageError, isImageError, type ImageErrorCode } from './errors.ts';
export { blobToBase64 } from './base64.ts';
export { prepareUpload, type PreparedImage, type PreparedPdf, type PreparedUpload, type PrepareOptions } from './prepareUpload.ts';
