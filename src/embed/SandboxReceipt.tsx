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
 * Shown under the widget on the sandbox only, so a merchant trying the hosted page sees what the
 * vendor received. Developer-facing, in English. It asks `/api/health` which vendor the backend
 * talks to first: against a real one the sandbox's paths do not exist, and asking would log a 404.
 */
export function SandboxReceipt({ scanRef }: { scanRef: string }) {
  const [submission, setSubmission] = useState<SandboxSubmission | null>(null);
  useEffect(() => {
    // A stale answer is ignored rather than aborted: a cancelled request shows in red in devtools,
    // and StrictMode's second mount in development would cancel one on every page.
    let current = true;
    fetch('/api/health')
      .then((response) => (response.ok ? (response.json() as Promise<{ mode?: string }>) : null))
      .then((health) => (health?.mode === 'sandbox' ? fetch('/api/sandbox/last-submission') : null))
      .then((response) => (response?.status === 200 ? (response.json() as Promise<SandboxSubmission>) : null))
      .then((body) => current && setSubmission(body && body.scanRef === scanRef ? body : null))
      .catch(() => current && setSubmission(null));
    return () => {
      current = false;
    };
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
