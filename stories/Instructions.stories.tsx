import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { InstructionsScreen } from '../src/ui/screens/InstructionsScreen.tsx';

const meta = {
  title: 'Screens/1 Instructions',
  component: InstructionsScreen,
  args: { onStart: fn() },
} satisfies Meta<typeof InstructionsScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithStepCount: Story = { args: { eyebrow: 'Step 1 of 7' } };
export const Lithuanian: Story = { globals: { locale: 'lt' } };
export const Japanese: Story = { globals: { locale: 'ja' } };
export const Dark: Story = { globals: { scheme: 'dark' } };
