import type { Meta, StoryObj } from '@storybook/react-vite';
import { DoneScreen } from '../src/ui/screens/DoneScreen.tsx';

const meta = {
  title: 'Screens/7 Done',
  component: DoneScreen,
  args: { scanRef: '8d6f0b1e-3c2a-4f5e-9b7d-1a2b3c4d5e6f' },
} satisfies Meta<typeof DoneScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** When the host passed `onExit`, the person leaves with Finish. */
export const WithFinish: Story = { parameters: { widget: { exit: true } } };
export const Estonian: Story = { globals: { locale: 'et' } };
export const Dark: Story = { parameters: { widget: { exit: true } }, globals: { scheme: 'dark' } };
