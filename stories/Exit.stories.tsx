import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { ExitConfirm } from '../src/ui/exit.tsx';

/** Asked when the person closes the widget after starting (only when the host passed `onExit`). */
const meta = {
  title: 'Screens/9 Leaving',
  component: ExitConfirm,
  args: { onStay: fn(), onLeave: fn() },
} satisfies Meta<typeof ExitConfirm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ConfirmLeaving: Story = {};
export const ConfirmLeavingInSpanish: Story = { globals: { locale: 'es' } };
export const ConfirmLeavingDark: Story = { globals: { scheme: 'dark' } };
