export { compressImage, DEFAULT_MAX_LONG_SIDE, type CompressedImage, type CompressOptions } from './compressImage';
export { ImageError, isImageError, type ImageErrorCode } from './errors';
export { blobToBase64 } from './base64';
export { prepareUpload, type PdfPages, type PreparedImage, type PreparedPdf, type PreparedUpload, type PrepareOptions } from './prepareUpload';
