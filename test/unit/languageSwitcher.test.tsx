import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Onboarding } from '../../src/ui/Onboarding';
import { languageOptions } from '../../src/ui/LanguageSwitcher';
import { makeSession } from './arbitraries';

// The worker stands still here (it is tested in a real browser): a photo is "prepared" as it is.
vi.mock('../../src/compress/prepareUpload', () => ({
  prepareUpload: vi.fn(async (file: File) => ({ kind: 'image', blob: file, width: 1200, height: 800, bytes: file.size })),
}));

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'p.jpg', { type: 'image/jpeg' });
const passportOnly = () => makeSession({ showInstructions: false, country: 'LT', documents: ['PASSPORT'] });

describe('the language menu', () => {
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
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, photo());
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
    await user.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, photo());
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
