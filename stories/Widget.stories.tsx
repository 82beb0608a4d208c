import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { Session } from '../src/core/token.ts';
import { Onboarding } from '../src/ui/Onboarding.tsx';
import { makeSession, STEPS } from './fixtures.ts';

/**
 * The whole widget as a host renders it, from a mock session passed as the `session` prop: no
 * session request is made. Stories stop before submitting (the screens after it are stories of
 * their own), so nothing here talks to a network.
 */
const meta = {
  title: 'Widget/Onboarding',
  component: Onboarding,
  parameters: { widget: { frame: 'none' } },
  args: { session: makeSession(), onComplete: fn(), onError: fn(), onStepChange: fn() },
  render: (args, { globals }) => <Onboarding {...args} locale={args.locale ?? (globals.locale as string)} colorScheme={globals.scheme === 'dark' ? 'dark' : 'light'} />,
} satisfies Meta<typeof Onboarding>;
export default meta;
type Story = StoryObj<typeof meta>;

export const FromTheStart: Story = {};
export const WithCloseAndLanguageMenu: Story = { args: { onExit: fn(), languageSwitcher: true } };
export const PresetCountryAndPassport: Story = { args: { session: makeSession({ country: 'LT', documents: ['PASSPORT'], showInstructions: false }) } };
export const WithProofOfAddress: Story = { args: { session: makeSession({ utilityBill: true, country: 'PL', showInstructions: false }) } };
export const ThemedByTheHost: Story = {
  args: { onExit: fn(), theme: { '--mk-color-primary': '#0f6b4f', '--mk-color-primary-text': '#ffffff', '--mk-radius': '4px', '--mk-font': 'Georgia, serif' } },
};

const withMerchantStep: Session = makeSession({
  country: 'LT',
  documents: ['ID_CARD'],
  showInstructions: false,
  additionalSteps: { ALL: { ALL: { PAYSLIP: { type: 'UPLOAD', texts: STEPS.PAYSLIP.texts, settings: STEPS.PAYSLIP.settings } } } },
});
export const MerchantStepAfterTheDocument: Story = { args: { session: withMerchantStep } };

/** A session that is not one (the host passed something broken): the person gets a clear screen. */
export const BrokenSession: Story = {
  args: { session: { ...makeSession(), authToken: '' } },
  play: async ({ canvasElement, args }) => {
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
    await waitFor(() => expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'SESSION_FAILED' })));
  },
};

/** Keyboard and pointer through the first screens, checking what the host hears. */
export const WalkToTheFirstPhoto: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Start' }, { timeout: 5000 }));
    await userEvent.type(await canvas.findByRole('searchbox'), 'lithuania');
    await userEvent.click(canvas.getByRole('radio', { name: 'Lithuania' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await userEvent.click(await canvas.findByRole('radio', { name: 'Identity card' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Front of your identity card' })).toBeVisible();
    await expect(args.onStepChange).toHaveBeenLastCalledWith({ screen: 'STEP', step: 'IMAGE', stepName: 'FRONT' });
  },
  globals: { locale: 'en' },
};
