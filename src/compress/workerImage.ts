/**
 * An `Image` for browser-image-compression inside our worker. The library decodes with
 * createImageBitmap, except where its user-agent test says Safari or iOS: there it loads the file
 * as a data: URL into `new Image()`, which a worker does not have, so the fallback failed with
 * "Can't find variable: Image" in every WebKit browser. This stand-in takes that data: URL, decodes
 * it with createImageBitmap (which WebKit's workers do have) and is drawable, being an
 * OffscreenCanvas holding the picture. Installed only where `Image` is missing.
 */
export function provideWorkerImage(scope: { Image?: unknown } = globalThis as { Image?: unknown }): void {
  if (typeof scope.Image !== 'undefined' || typeof OffscreenCanvas === 'undefined') return;
  scope.Image = function WorkerImage(): OffscreenCanvas {
    const canvas = new OffscreenCanvas(1, 1) as OffscreenCanvas & { onload?: () => void; onerror?: (error: unknown) => void };
    Object.defineProperty(canvas, 'src', {
      set(url: string) {
        createImageBitmap(dataUrlToBlob(url)).then(
          (bitmap) => {
            canvas.width = bitmap.width;
            canvas.height = bitmap.height;
            canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
            bitmap.close();
            canvas.onload?.();
          },
          (error: unknown) => canvas.onerror?.(error),
        );
      },
    });
    return canvas;
  };
}

/** Decoded by hand: fetch() of a data: URL would need `connect-src data:` in the hosting page's CSP. */
function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const meta = url.slice(5, comma);
  const text = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Blob([bytes], { type: meta.split(';')[0] });
}
