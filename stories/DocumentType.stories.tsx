import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { DocumentTypeScreen } from '../src/ui/screens/DocumentTypeScreen.tsx';

const meta = {
  title: 'Screens/3 Document type',
  component: DocumentTypeScreen,
  args: {
    eyebrow: 'Step 3 of 7',
    documents: ['ID_CARD', 'PASSPORT', 'DRIVER_LICENSE', 'RESIDENCE_PERMIT'],
    selected: null,
    onChoose: fn(),
    onContinue: fn(),
    onBack: fn(),
  },
} satisfies Meta<typeof DocumentTypeScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NothingChosen: Story = {};
export const PassportChosen: Story = { args: { selected: 'PASSPORT' } };
export const TwoOffered: Story = { args: { documents: ['PASSPORT', 'ID_CARD'], selected: 'ID_CARD' } };
export const German: Story = { args: { selected: 'DRIVER_LICENSE' }, globals: { locale: 'de' } };
export const Polish: Story = { globals: { locale: 'pl' } };
export const Dark: Story = { args: { selected: 'ID_CARD' }, globals: { scheme: 'dark' } };
