import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Onboarding } from '../../src/ui/Onboarding.tsx';
import { makeSession } from './arbitraries.ts';

vi.mock('../../src/compress/prepareUpload.ts', () => ({
  prepareUpload: vi.fn(async (file: File) => ({ kind: 'image', blob: file, width: 1200, height: 800, bytes: file.size })),
}));
vi.mock('../../src/submit/sendSubmission.ts', () => ({ sendSubmission: vi.fn(async () => ({ scanRef: 'scan-7' })) }));
vi.mock('../../src/compress/base64.ts', () => ({ blobToBase64: vi.fn(async () => 'QUJD') }));

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'p.jpg', { type: 'image/jpeg' });
const passportOnly = makeSession({ documents: ['PASSPORT'], country: 'LT' });

describe('onExit', () => {
  it('offers no way out when the host cannot take the widget away', async () => {
    render(<Onboarding session={passportOnly} locale="en" />);
    await screen.findByRole('heading', { name: 'Before you start' });
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('closes at once on the first screen, where nothing would be lost', async () => {
    const user = userEvent.setup();
    const onExit = vi.fn();
    render(
      <StrictMode>
        <Onboarding session={passportOnly} locale="en" onExit={onExit} />
      </StrictMode>,
    );
    await screen.findByRole('heading', { name: 'Before you start' });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'CLOSED', at: { screen: 'STEP', step: 'INSTRUCTIONS' } });
  });

  it('asks before throwing work away; "Stay" or Escape returns to the same screen with the photo kept', async () => {
    const user = userEvent.setup();
    const onExit = vi.fn();
    render(<Onboarding session={passportOnly} locale="en" onExit={onExit} />);
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    await user.upload(await waitFor(() => document.querySelector<HTMLInputElement>('input[type=file]') ?? Promise.reject(new Error('no file input'))), photo());
    await screen.findByText(/photo ready/i);

    await user.click(screen.getByRole('button', { name: 'Close' }));
    const question = await screen.findByRole('heading', { name: 'Leave the verification?' });
    await waitFor(() => expect(question).toHaveFocus());
    expect(screen.queryByRole('heading', { name: 'Photo page of your passport' })).toBeNull();
    expect(onExit).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Stay' }));
    expect(screen.getByRole('heading', { name: 'Photo page of your passport' })).toBeVisible();
    expect(screen.getByText(/photo ready/i)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await screen.findByRole('heading', { name: 'Leave the verification?' });
    await user.keyboard('{Escape}');
    expect(screen.getByRole('heading', { name: 'Photo page of your passport' })).toBeVisible();
    expect(onExit).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Leave' }));
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'CLOSED', at: { screen: 'STEP', step: 'IMAGE', stepName: 'FRONT' } });
    // Walks with photos took over 5 s on a loaded 2-core machine.
  }, 20_000);

  it('reports FINISHED with the scan reference from the last screen', async () => {
    const user = userEvent.setup();
    const onExit = vi.fn();
    render(<Onboarding session={{ ...passportOnly, showInstructions: false }} locale="en" onExit={onExit} />);
    for (const title of ['Photo page of your passport', 'A photo of your face']) {
      await screen.findByRole('heading', { name: title });
      await user.upload(await waitFor(() => document.querySelector<HTMLInputElement>('input[type=file]') ?? Promise.reject(new Error('no file input'))), photo());
      await screen.findByText(/photo ready/i);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
    }
    await user.click(await screen.findByRole('button', { name: 'Submit' }));
    await screen.findByRole('heading', { name: /thank you/i });
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'FINISHED', scanRef: 'scan-7' });
  }, 20_000);
});
