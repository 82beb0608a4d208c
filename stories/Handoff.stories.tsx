import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { DoneScreen } from '../src/ui/screens/DoneScreen.tsx';
import { HandoffOffer } from '../src/ui/handoff/HandoffOffer.tsx';
import { HandoffRefused } from '../src/ui/handoff/HandoffRefused.tsx';
import { HandoffScreen } from '../src/ui/handoff/HandoffScreen.tsx';

/** Continue on your phone: the desktop's states, and the phone's refusal of a used link. */
const link = 'https://shop.example/verify/#handoff=3q2-7wAAAAB8Yk9nZ3pXc2RmaHNkZmtqaGFzZGY';

const meta = {
  title: 'Screens/Handoff',
  component: HandoffScreen,
  args: { view: { kind: 'FOLLOWING', link, status: { kind: 'WAITING', claimBy: Date.now() + 600_000 } }, onHere: fn(), onRenew: fn() },
} satisfies Meta<typeof HandoffScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The offer under a desktop image step, and where the step allows only the camera. */
export const Offer: StoryObj<typeof HandoffOffer> = {
  render: () => (
    <>
      <HandoffOffer needed={false} onStart={fn()} />
      <HandoffOffer needed onStart={fn()} />
    </>
  ),
};
/** The code and the link, waiting for the phone. */
export const Waiting: Story = {};
export const PhoneConnected: Story = { args: { view: { kind: 'FOLLOWING', link, status: { kind: 'CONNECTED' } } } };
export const PhoneOnStep: Story = { args: { view: { kind: 'FOLLOWING', link, status: { kind: 'STEP', step: 2, of: 3 } } } };
export const PhoneSending: Story = { args: { view: { kind: 'FOLLOWING', link, status: { kind: 'SENDING' } } } };
export const Expired: Story = { args: { view: { kind: 'FOLLOWING', link, status: { kind: 'EXPIRED' } } } };
export const CouldNotMint: Story = { args: { view: { kind: 'FAILED', error: { code: 'NETWORK' } } } };
/** The desktop after the phone's submission was accepted: the usual done screen, reached without a click. */
export const Done: StoryObj<typeof DoneScreen> = { render: () => <DoneScreen scanRef="8d6f0b1e-3c2a-4f5e-9b7d-1a2b3c4d5e6f" /> };
/** On the phone: the link was already claimed. */
export const LinkAlreadyUsed: StoryObj<typeof HandoffRefused> = { render: () => <HandoffRefused reason="HANDOFF_CLAIMED" /> };
export const Lithuanian: Story = { globals: { locale: 'lt' } };
export const Dark: Story = { globals: { scheme: 'dark' } };
