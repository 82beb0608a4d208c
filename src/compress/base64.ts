/**
 * Plain base64 of a Blob (no `data:` prefix, no line breaks), as the vendor's API wants it.
 * FileReader does the encoding natively and off the JS heap, far faster than chunked btoa in JS.
 */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result;
      if (typeof url !== 'string') {
        reject(new Error('FileReader returned no data URL.'));
        return;
      }
      // "data:<type>;base64,<payload>" — the payload is everything after the first comma.
      const comma = url.indexOf(',');
      resolve(comma < 0 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file.'));
    reader.readAsDataURL(blob);
  });
}
