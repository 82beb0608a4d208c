import { useEffect, useState } from 'react';

/** What the sandbox vendor recorded of a submission: sizes and types, never the images or token. */
export interface SandboxSubmission {
  scanRef: string;
  country: string;
  documentType: string;
  receivedAt: string;
  requestBytes: number;
  images: { step: string; base64Chars: number; bytes: number; type: string; width?: number; height?: number }[];
}

/**
 * Shown under the widget on the sandbox only (the endpoint answers 404 against a real vendor), so
 * a merchant trying the hosted page sees what the vendor received. Developer-facing, in English.
 */
export function SandboxReceipt({ scanRef }: { scanRef: string }) {
  const [submission, setSubmission] = useState<SandboxSubmission | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/sandbox/last-submission', { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<SandboxSubmission>) : null))
      .then((body) => setSubmission(body && body.scanRef === scanRef ? body : null))
      .catch(() => setSubmission(null));
    return () => controller.abort();
  }, [scanRef]);
  if (!submission) return null;
  const number = new Intl.NumberFormat('en');
  return (
    <aside className="sandbox-receipt" aria-labelledby="sandbox-receipt-title">
      <h2 id="sandbox-receipt-title">Sandbox: what the vendor received</h2>
      <p>
        {submission.documentType} from {submission.country}, request of {number.format(submission.requestBytes)} bytes (limit 20,000,000).
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Type</th>
            <th scope="col">Pixels</th>
            <th scope="col">Base64 characters</th>
          </tr>
        </thead>
        <tbody>
          {submission.images.map((image) => (
            <tr key={image.step}>
              <td>{image.step}</td>
              <td>{image.type}</td>
              <td>{image.width && image.height ? `${image.width} × ${image.height}` : '–'}</td>
              <td>{number.format(image.base64Chars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
