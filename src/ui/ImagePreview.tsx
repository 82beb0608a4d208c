import { useEffect, useState } from 'react';
import type { CapturedImage } from '../core/flow.ts';

/** Shows an image from memory; the object URL lives exactly as long as the element. */
export function ImagePreview({ image, alt, className }: { image: CapturedImage; alt: string; className?: string }) {
  const url = useObjectUrl(image.mediaType === 'application/pdf' ? null : image.blob);
  if (!url) return null;
  return <img className={className ?? 'mk-preview'} src={url} alt={alt} width={image.width} height={image.height} />;
}

/** An object URL for a blob, revoked when the blob changes or the component goes away. */
export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [blob]);
  return url;
}
