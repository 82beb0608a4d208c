import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Onboarding } from '../../src/ui/Onboarding';
import { makeSession } from './arbitraries';

vi.mock('../../src/compress/prepareUpload', () => ({
  prepareUpload: vi.fn(async (file: File) => ({ kind: 'image', blob: file, width: 1200, height: 800, bytes: file.size })),
}));

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'p.jpg', { type: 'image/jpeg' });
const HEBREW = 'צילום עם הדרכון 2';
const LONG = `<script>alert(1)</script>${'Ä'.repeat(600)}`;

async function uploadAndContinue(user: ReturnType<typeof userEvent.setup>, next: string) {
  await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, photo());
  await screen.findByText(/photo ready/i);
  await user.click(screen.getByRole('button', { name: next }));
}

describe('merchant texts', () => {
  it('show right-to-left names in their own direction and isolate them inside our sentences', async () => {
    const session = makeSession({
      showInstructions: false,
      country: 'LT',
      documents: ['PASSPORT'],
      additionalSteps: {
        ALL: { ALL: { NOTE: { texts: { en: { name: HEBREW, description: LONG } }, settings: { canUpload: true, canCapture: false, canUploadPDF: false } } } },
      },
    });
    const user = userEvent.setup();
    render(<Onboarding session={session} locale="en" />);
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    await uploadAndContinue(user, 'Continue');
    await screen.findByRole('heading', { name: 'A photo of your face' });
    await uploadAndContinue(user, 'Continue');

    const heading = await screen.findByRole('heading', { level: 1, name: HEBREW });
    expect(heading).toHaveAttribute('dir', 'auto');
    const hint = screen.getByText(LONG);
    expect(hint).toHaveAttribute('dir', 'auto');
    expect(document.querySelector('script')).toBeNull();

    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, photo());
    expect(await screen.findByRole('img', { name: `Preview of \u2068${HEBREW}\u2069` })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { level: 1, name: 'Check your photos' });
    expect(screen.getByRole('heading', { level: 2, name: HEBREW })).toHaveAttribute('dir', 'auto');
    expect(screen.getByRole('img', { name: `Preview of \u2068${HEBREW}\u2069` })).toBeInTheDocument();
    const retake = screen.getByRole('button', { name: `Retake: ${HEBREW}` });
    expect(retake.querySelector('bdi')).toHaveTextContent(HEBREW);
  });
});
