import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CountryScreen } from '../src/ui/screens/CountryScreen.tsx';

const meta = {
  title: 'Screens/2 Country',
  component: CountryScreen,
  args: { country: null, onChoose: fn(), onContinue: fn(), onBack: fn(), eyebrow: 'Step 2 of 7' },
} satisfies Meta<typeof CountryScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NothingChosen: Story = {};
export const Chosen: Story = { args: { country: 'LT' } };
export const FirstScreen: Story = { args: { country: 'EE', onBack: undefined, eyebrow: undefined } };
export const Searching: Story = {
  args: { country: 'LT' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'lat');
    await expect(canvas.getByRole('radio', { name: 'Latvia' })).toBeInTheDocument();
  },
};
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'Atlantis');
    await expect(canvas.getByRole('status')).toHaveTextContent('Atlantis');
  },
};
export const Russian: Story = { args: { country: 'LV' }, globals: { locale: 'ru' } };
export const Dark: Story = { args: { country: 'LT' }, globals: { scheme: 'dark' } };
