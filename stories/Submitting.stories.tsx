import type { Meta, StoryObj } from '@storybook/react-vite';
import { SubmittingScreen } from '../src/ui/screens/SubmittingScreen.tsx';

const meta = {
  title: 'Screens/6 Submitting',
  component: SubmittingScreen,
  args: { progress: 0 },
} satisfies Meta<typeof SubmittingScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Starting: Story = {};
export const Uploading: Story = { args: { progress: 0.45 } };
export const WaitingForAnswer: Story = { args: { progress: 1 } };
export const CheckingWhetherItArrived: Story = { args: { progress: 1, phase: { kind: 'CHECKING' } } };
export const WaitingForNetwork: Story = { args: { progress: 0.6, phase: { kind: 'WAITING_FOR_NETWORK' } } };
export const Retrying: Story = { args: { progress: 0.2, phase: { kind: 'RETRYING', retry: 2, of: 5, delayMs: 4000 } } };
export const RenewingSession: Story = { args: { progress: 0, phase: { kind: 'RENEWING_SESSION' } } };
export const UploadingInSwedish: Story = { ...Uploading, globals: { locale: 'sv' } };
export const UploadingDark: Story = { ...Uploading, globals: { scheme: 'dark' } };
