import { encode } from 'uqr';
import { useMemo } from 'react';

/**
 * A QR code drawn here as one SVG path: uqr encodes, nothing is fetched, no script or font is
 * loaded. Dark modules on a white square with the standard four-module quiet zone, so phone
 * cameras read it in dark mode too.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { data } = encode(text, { ecc: 'M', border: 4 });
    let d = '';
    data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
    return { size: data.length, path: d };
  }, [text]);
  return (
    <svg className="mk-qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" data-qr-text={text}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
