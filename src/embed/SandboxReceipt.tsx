import { useEffect, useState } from 'react';

/** What the sandbox vendor recorded of a submission: sizes and types, never the images or token. */
import { base64Length } from '../core/limits.ts';

/** `GET /api/sandbox/last-submission`, as server/sandbox.ts records it. */
export interface SandboxSubmission {
  scanRef: string;
  country: string;
  documentType: string;
  receivedAt: string;
  requestBytes: number;
  images: Record<string, { bytes: number; type: 'jpeg' | 'png' | 'pdf'; width: number | null; height: number | null; url: string }>;
  pendingSteps: string[];
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
          {Object.entries(submission.images).map(([step, image]) => (
            <tr key={step}>
              <td>
                {image.type === 'pdf' ? step : <a href={image.url} target="_blank" rel="noreferrer">{step}</a>}
              </td>
              <td>{image.type}</td>
              <td>{image.width && image.height ? `${image.width} × ${image.height}` : '–'}</td>
              <td>{number.format(base64Length(image.bytes))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
