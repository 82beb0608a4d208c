import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SubmitBody } from '../../src/core/payload.ts';
import { languageOptions } from '../../src/ui/LanguageSwitcher.tsx';
import { Onboarding } from '../../src/ui/Onboarding.tsx';
import { makeSession } from './arbitraries.ts';

// The worker and the network are tested in a real browser; here they stand still so the screens can be walked.
vi.mock('../../src/compress/prepareUpload.ts', () => ({
  prepareUpload: vi.fn(async (file: File) => ({ kind: 'image', blob: file, width: 1200, height: 800, bytes: file.size })),
}));
const sent: SubmitBody[] = [];
vi.mock('../../src/submit/sendSubmission.ts', () => ({
  sendSubmission: vi.fn(async (_url: string, body: Blob, options: { onProgress?: (n: number) => void }) => {
    // The widget assembles the body once, as a Blob, and keeps it for retries.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(body);
    });
    sent.push(JSON.parse(text) as SubmitBody);
    options.onProgress?.(1);
    return { scanRef: 'scan-42' };
  }),
}));
vi.mock('../../src/compress/base64.ts', () => ({ blobToBase64: vi.fn(async () => 'QUJD') }));

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  sent.length = 0;
});

const photo = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], name, { type: 'image/jpeg' });

/** The picker behind the labelled drop zone, as react-dropzone renders it, once the step's camera chunk has arrived. */
function fileInput(): Promise<HTMLInputElement> {
  return waitFor(() => {
    const input = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input on this screen');
    return input;
  });
}

async function upload(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.upload(await fileInput(), photo(name));
  await screen.findByText(/photo ready/i);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('<Onboarding>', () => {
  // Eight screens in jsdom: one to two seconds alone, but the full suite on a busy 2-core machine
  // has taken it past the default 5 s; the time is not what this test is about.
  it('walks a passport flow by role and label and submits exactly one body', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    const onStepChange = vi.fn();
    render(<Onboarding session={makeSession({ documents: ['ID_CARD', 'PASSPORT'] })} locale="en" onComplete={onComplete} onStepChange={onStepChange} />);

    const first = await screen.findByRole('heading', { level: 1, name: 'Before you start' });
    expect(first).not.toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Start' }));

    const heading = await screen.findByRole('heading', { name: /which country/i });
    await waitFor(() => expect(heading).toHaveFocus());
    await user.type(screen.getByLabelText('Search for a country'), 'lithu');
    await user.click(screen.getByRole('radio', { name: 'Lithuania' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await user.click(await screen.findByRole('radio', { name: 'Passport' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    expect(screen.getByText('Step 4 of 6')).toBeInTheDocument();
    await upload(user, 'passport.jpg');
    await screen.findByRole('heading', { name: 'A photo of your face' });
    await upload(user, 'face.jpg');

    await screen.findByRole('heading', { name: 'Check your photos' });
    expect(screen.getAllByRole('img')).toHaveLength(2);
    const submit = screen.getByRole('button', { name: 'Submit' });
    await user.dblClick(submit);

    // Sending reads every photo a slice at a time (jsdom's FileReader): the setup's wait gives a loaded machine time.
    await screen.findByRole('heading', { name: /thank you/i });
    expect(screen.getByText('Reference: scan-42')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ country: 'LT', documentType: 'PASSPORT', images: { FRONT: 'QUJD', BACK: null, FACE: 'QUJD', UTILITY_BILL: null } });
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith({ scanRef: 'scan-42' });
    expect(onStepChange.mock.calls.map(([change]) => change.stepName ?? change.step ?? change.screen)).toEqual([
      'INSTRUCTIONS',
      'COUNTRY',
      'DOCUMENT_TYPE',
      'FRONT',
      'FACE',
      'REVIEW',
      'SUBMITTING',
      'DONE',
    ]);
  }, 20_000);

  it('shows merchant texts as text, never as HTML, in the chosen language', async () => {
    const session = makeSession({
      showInstructions: false,
      country: 'LT',
      documents: ['PASSPORT'],
      additionalSteps: {
        ALL: {
          ALL: {
            NOTE: {
              texts: { en: { name: 'English name' }, lt: { name: '<img src=x onerror=alert(1)>Rašteliai', description: '<script>alert(1)</script>' } },
              settings: { canUpload: true, canCapture: false, canUploadPDF: false },
            },
          },
        },
      },
    });
    const user = userEvent.setup();
    render(<Onboarding session={session} locale="lt-LT" />);
    await screen.findByRole('heading', { name: 'Paso puslapis su nuotrauka' });
    await user.upload(await fileInput(), photo('p.jpg'));
    await screen.findByText(/nuotrauka paruošta/i);
    await user.click(screen.getByRole('button', { name: 'Tęsti' }));
    await user.upload(await fileInput(), photo('f.jpg'));
    await screen.findByText(/nuotrauka paruošta/i);
    await user.click(screen.getByRole('button', { name: 'Tęsti' }));

    await screen.findByRole('heading', { name: '<img src=x onerror=alert(1)>Rašteliai' });
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('img[src=x]')).toBeNull();
  });

  it('shows a right-to-left merchant name in its own direction and isolates it inside our sentences', async () => {
    const hebrew = 'צילום עם הדרכון 2';
    const long = `<script>alert(1)</script>${'Ä'.repeat(600)}`;
    const session = makeSession({
      showInstructions: false,
      country: 'LT',
      documents: ['PASSPORT'],
      additionalSteps: {
        ALL: { ALL: { NOTE: { texts: { en: { name: hebrew, description: long } }, settings: { canUpload: true, canCapture: false, canUploadPDF: false } } } },
      },
    });
    const user = userEvent.setup();
    render(<Onboarding session={session} locale="en" />);
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    await upload(user, 'p.jpg');
    await screen.findByRole('heading', { name: 'A photo of your face' });
    await upload(user, 'f.jpg');

    const heading = await screen.findByRole('heading', { level: 1, name: hebrew });
    expect(heading).toHaveAttribute('dir', 'auto');
    expect(screen.getByText(long)).toHaveAttribute('dir', 'auto');
    expect(document.querySelector('script')).toBeNull();
    await user.upload(await fileInput(), photo('n.jpg'));
    expect(await screen.findByRole('img', { name: `Preview of \u2068${hebrew}\u2069` })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { level: 1, name: 'Check your photos' });
    expect(screen.getByRole('heading', { level: 2, name: hebrew })).toHaveAttribute('dir', 'auto');
    expect(screen.getByRole('img', { name: `Preview of \u2068${hebrew}\u2069` })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Retake: ${hebrew}` }).querySelector('bdi')).toHaveTextContent(hebrew);
  });

  it('says plainly when a step allows only the camera', async () => {
    const session = makeSession({
      showInstructions: false,
      country: 'LT',
      documents: ['PASSPORT'],
      additionalSteps: { ALL: { ALL: { LIVE: { settings: { canUpload: false, canCapture: true } } } } },
    });
    const user = userEvent.setup();
    render(<Onboarding session={session} locale="en" />);
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    await upload(user, 'p.jpg');
    await upload(user, 'f.jpg');
    await screen.findByRole('heading', { name: 'Additional document' });
    // jsdom has no camera API, like a page opened without HTTPS: the person is told why and what the step needs.
    expect(await screen.findByRole('alert')).toHaveTextContent(/needs a photo taken with a camera; uploading a file is not possible here/i);
    expect(screen.getByRole('alert')).toHaveTextContent(/only on pages opened over HTTPS/i);
    expect(screen.queryByRole('button', { name: /take a photo/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /choose a file/i })).toBeNull();
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('shows a retryable error when the session cannot be had', async () => {
    const fetchMock = vi.fn(async () => new Response('<html>502</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    vi.stubGlobal('fetch', fetchMock);
    const onError = vi.fn();
    render(<Onboarding locale="en" onError={onError} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/could not be started/i);
    // The host hears of it from an effect after that render, which a loaded machine may run later.
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'SESSION_FAILED', status: 502 })));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    vi.unstubAllGlobals();
  });
});

describe('the language menu', () => {
  const passportOnly = () => makeSession({ showInstructions: false, country: 'LT', documents: ['PASSPORT'] });

  it('names every language in itself, in the same order whatever the current language', () => {
    const names = languageOptions().map((option) => option.name);
    expect(names).toHaveLength(15);
    for (const name of ['Deutsch', 'English', 'Français', 'Lietuvių', 'Polski', 'Русский', 'Български', '日本語', 'Magyar', 'Eesti']) {
      expect(names).toContain(name);
    }
    expect(names.indexOf('Deutsch')).toBeLessThan(names.indexOf('English'));
    expect(names.at(-1)).toBe('日本語');
  });

  it('switches the language mid-step, keeping the photo, the step and the focus', async () => {
    const user = userEvent.setup();
    const onLanguageChange = vi.fn();
    const { container } = render(<Onboarding session={passportOnly()} locale="en" languageSwitcher onLanguageChange={onLanguageChange} />);
    await screen.findByRole('heading', { level: 1, name: 'Photo page of your passport' });
    await user.upload(await fileInput(), photo('p.jpg'));
    await screen.findByText(/photo ready/i);
    expect(onLanguageChange).toHaveBeenLastCalledWith('en');

    const menu = screen.getByRole('combobox', { name: 'Language' });
    expect(within(menu).getByRole('option', { name: 'Deutsch' })).toHaveAttribute('lang', 'de');
    await user.selectOptions(menu, 'de');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Bildseite Ihres Reisepasses' });
    expect(screen.getByText(/Foto bereit/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveFocus();
    expect(heading).not.toHaveFocus();
    expect(container.querySelector('.mk-root')).toHaveAttribute('lang', 'de');
    expect(onLanguageChange).toHaveBeenLastCalledWith('de');

    // The flow goes on in German from where it was, and the next screen takes focus as usual.
    await user.click(screen.getByRole('button', { name: 'Weiter' }));
    const next = await screen.findByRole('heading', { level: 1, name: 'Ein Foto Ihres Gesichts' });
    await waitFor(() => expect(next).toHaveFocus());
  });

  it('gives way to a new locale option from the host, still without restarting', async () => {
    const user = userEvent.setup();
    const session = passportOnly();
    const { rerender } = render(<Onboarding session={session} locale="en" languageSwitcher />);
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    await user.upload(await fileInput(), photo('p.jpg'));
    await screen.findByText(/photo ready/i);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru');
    await screen.findByRole('heading', { name: 'Страница паспорта с фотографией' });

    rerender(<Onboarding session={session} locale="ja" languageSwitcher />);
    await screen.findByRole('heading', { name: 'パスポートの顔写真ページ' });
    expect(screen.getByText(/写真の準備ができました/)).toBeInTheDocument();
  });

  it('is absent unless the host asks for it', async () => {
    render(<Onboarding session={passportOnly()} locale="en" />);
    await screen.findByRole('heading', { name: 'Photo page of your passport' });
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
