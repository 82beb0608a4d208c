import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { SessionTimeNotice } from '../src/ui/SessionTimeNotice.tsx';
import { RestoredNotice, StartOver } from '../src/ui/StartOver.tsx';

/** The lines the flow shows above a screen: time running out, a restored draft, starting over. */
const meta = {
  title: 'Screens/Notices',
  component: SessionTimeNotice,
  args: { deadline: 0, lengthMs: 600_000, renewable: false },
} satisfies Meta<typeof SessionTimeNotice>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Evaluated when the story renders, so the notice always shows the same amount of time left. */
const leftMs = (ms: number): Story => ({ render: (args) => <SessionTimeNotice {...args} deadline={Date.now() + ms} /> });

export const TwoMinutesLeft = leftMs(120_000);
export const ThirtySecondsLeft = leftMs(30_000);
export const RenewableSession: Story = { ...leftMs(60_000), args: { renewable: true } };
export const ExpiredSession = leftMs(-1_000);
export const RestoredDraft: Story = { render: () => <RestoredNotice /> };
export const StartOverLink: Story = { render: () => <StartOver onConfirm={fn()} /> };
export const TwoMinutesLeftInFrench: Story = { ...TwoMinutesLeft, globals: { locale: 'fr' } };
